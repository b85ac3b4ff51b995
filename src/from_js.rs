//! Plain JavaScript values read into Rust types with serde: the configs
//! `window.synack` is given.
//!
//! A host page may pass anything, so this reader trusts nothing in a value:
//! - every read that can run the caller's code (a getter, a Proxy trap) is a
//!   `catch` import: an exception comes back as an error, never unwinding
//!   through wasm frames (which would leave the instance broken);
//! - only the object's own enumerable keys are read (`Object.keys`), never
//!   inherited ones, so unknown fields are seen and refused;
//! - an array's length is checked before any element is read; nesting is
//!   the type's own (unknown fields are never entered);
//! - errors say where (`c2s.delay_ms: ...`), as the reader goes down.
//!
//! It also keeps Rust's float printing out of the page (`synack_sim::decimal`):
//! serde's own message for an unexpected float would bring it in.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use std::fmt;
use synack_sim::decimal::Decimal;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;
    // A revoked Proxy makes even Array.isArray throw.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// The most elements of one array (and keys of one object) a caller may
/// give: the config's own list limit. Nesting needs no limit: the reader
/// only goes into the fields the type has, never into unknown ones.
const MAX_LIST: u32 = synack_sim::config::MAX_LIST as u32;

/// Read `value` as a `T`.
pub fn read<T: DeserializeOwned>(value: &JsValue) -> Result<T, ReadError> {
    T::deserialize(Reader {
        value: value.clone(),
    })
}

/// Whether `value` is an object other than an array or a function, asked
/// without letting a revoked Proxy's exception through.
pub fn is_record(value: &JsValue) -> Result<bool, ReadError> {
    if !value.is_object() || value.is_function() {
        return Ok(false);
    }
    is_array(value)
        .map(|array| !array)
        .map_err(|e| failed("reading it", &e))
}

/// An object's own enumerable keys and their values (at most `limit` of
/// them), for option objects read by hand. Errors carry the key.
pub fn entries(value: &JsValue, limit: u32) -> Result<Vec<(String, JsValue)>, ReadError> {
    let keys = own_keys(value).map_err(|e| failed("listing its keys", &e))?;
    if keys.length() > limit {
        return Err(de::Error::custom(format_args!("at most {limit} keys")));
    }
    keys.iter()
        .map(|k| {
            let key = k.as_string().unwrap_or_default();
            let v = get(value, &k).map_err(|e| failed("reading it", &e).at(clip(&key)))?;
            Ok((key, v))
        })
        .collect()
}

/// Why a value could not be read, and where. Boxed: every result of every
/// read carries one, and a pointer-sized error keeps that code small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(Box<Failure>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Failure {
    /// From the outermost key in: `["c2s", "delay_ms"]`, `["drop", "0"]`.
    path: Vec<String>,
    why: String,
}

impl ReadError {
    #[inline(never)]
    fn at(mut self, key: String) -> Self {
        self.0.path.insert(0, key);
        self
    }

    /// What was wrong, without where.
    pub fn why(&self) -> &str {
        &self.0.why
    }

    /// `c2s.delay_ms`, `drop[0].dir`; empty at the top.
    pub fn place(&self) -> String {
        let mut out = String::new();
        for k in &self.0.path {
            if k.bytes().all(|b| b.is_ascii_digit()) {
                out.push('[');
                out.push_str(k);
                out.push(']');
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
        out
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place().as_str() {
            "" => f.write_str(&self.0.why),
            place => write!(f, "{place}: {}", self.0.why),
        }
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ReadError(Box::new(Failure {
            path: Vec::new(),
            why: msg.to_string(),
        }))
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {exp}",
            Shown(unexp)
        ))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {exp}",
            Shown(unexp)
        ))
    }
}

/// What was found, in JavaScript's words, without serde's float printing.
struct Shown<'a>(Unexpected<'a>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean {b}"),
            Unexpected::Unsigned(n) => write!(f, "number {n}"),
            Unexpected::Signed(n) => write!(f, "number {n}"),
            Unexpected::Float(x) => write!(f, "number {}", Decimal(x)),
            Unexpected::Char(c) => write!(f, "string \"{c}\""),
            Unexpected::Str(s) => write!(f, "string \"{}\"", clip(s)),
            Unexpected::Unit | Unexpected::Option => f.write_str("null"),
            Unexpected::Seq => f.write_str("an array"),
            Unexpected::Map => f.write_str("an object"),
            Unexpected::Other(s) => f.write_str(s),
            _ => f.write_str("another kind of value"),
        }
    }
}

pub use crate::i18n::clip;

/// What an exception said, briefly.
fn thrown(e: &JsValue) -> String {
    let message = get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "an exception".into());
    clip(&message)
}

fn failed(what: &str, e: &JsValue) -> ReadError {
    de::Error::custom(format_args!("{what} threw: {}", thrown(e)))
}

struct Reader {
    value: JsValue,
}

impl Reader {
    /// A reader of element `i`.
    #[inline(never)]
    fn element(&self, i: u32) -> Result<Reader, ReadError> {
        get(&self.value, &JsValue::from(i))
            .map_err(|e| failed("reading it", &e))
            .map(|value| Reader { value })
            .map_err(|e| e.at(i.to_string()))
    }

    /// A reader of the value at `key`.
    #[inline(never)]
    fn entry(&self, key: &str) -> Result<Reader, ReadError> {
        get(&self.value, &JsValue::from_str(key))
            .map_err(|e| failed("reading it", &e))
            .map(|value| Reader { value })
            .map_err(|e| e.at(clip(key)))
    }

    fn is_array(&self) -> Result<bool, ReadError> {
        is_array(&self.value).map_err(|e| failed("reading it", &e))
    }
}

/// What a value is, found without knowing what the caller wants: one copy
/// of this for every type read would be 40 KB of wasm.
enum Kind {
    Unit,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Array(u32),
    Object(js_sys::Array),
}

impl Reader {
    #[inline(never)]
    fn kind(&self) -> Result<Kind, ReadError> {
        let v = &self.value;
        if v.is_undefined() || v.is_null() {
            return Ok(Kind::Unit);
        }
        if let Some(b) = v.as_bool() {
            return Ok(Kind::Bool(b));
        }
        if let Some(x) = v.as_f64() {
            // Whole numbers as integers, which integer fields accept.
            return Ok(
                if x.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&x) {
                    Kind::Unsigned(x as u64)
                } else if x.fract() == 0.0 && (-9_223_372_036_854_775_808.0..0.0).contains(&x) {
                    Kind::Signed(x as i64)
                } else {
                    Kind::Float(x)
                },
            );
        }
        if let Some(s) = v.as_string() {
            return Ok(Kind::Text(s));
        }
        if self.is_array()? {
            let length = get(v, &"length".into())
                .map_err(|e| failed("its length", &e))?
                .as_f64()
                .unwrap_or(0.0);
            if length > f64::from(MAX_LIST) {
                return Err(de::Error::custom(format_args!(
                    "at most {} entries (got {})",
                    MAX_LIST,
                    Decimal(length)
                )));
            }
            return Ok(Kind::Array(length as u32));
        }
        if v.is_object() && !v.is_function() {
            let keys = own_keys(v).map_err(|e| failed("listing its keys", &e))?;
            if keys.length() > MAX_LIST {
                return Err(de::Error::custom(format_args!(
                    "at most {} keys (got {})",
                    MAX_LIST,
                    keys.length()
                )));
            }
            return Ok(Kind::Object(keys));
        }
        Err(de::Error::custom(format_args!(
            "invalid type: {}",
            v.js_typeof().as_string().unwrap_or_default()
        )))
    }
}

impl Kind {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Kind::Unit => Unexpected::Unit,
            Kind::Bool(b) => Unexpected::Bool(*b),
            Kind::Unsigned(n) => Unexpected::Unsigned(*n),
            Kind::Signed(n) => Unexpected::Signed(*n),
            Kind::Float(x) => Unexpected::Float(*x),
            Kind::Text(s) => Unexpected::Str(s),
            Kind::Array(_) => Unexpected::Seq,
            Kind::Object(_) => Unexpected::Map,
        }
    }
}

/// A number as the visitors take it.
#[derive(Clone, Copy)]
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

// Each kind of field asks for its own kind of value through one of these,
// which are not generic: what the visitor expects comes in as `&dyn
// Expected`. A generic reader would be instantiated whole for every type.
impl Reader {
    #[inline(never)]
    fn number(&self, exp: &dyn de::Expected) -> Result<Number, ReadError> {
        match self.kind()? {
            Kind::Unsigned(n) => Ok(Number::Unsigned(n)),
            Kind::Signed(n) => Ok(Number::Signed(n)),
            Kind::Float(x) => Ok(Number::Float(x)),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    #[inline(never)]
    fn text(&self, exp: &dyn de::Expected) -> Result<String, ReadError> {
        match self.kind()? {
            Kind::Text(s) => Ok(s),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    #[inline(never)]
    fn boolean(&self, exp: &dyn de::Expected) -> Result<bool, ReadError> {
        match self.kind()? {
            Kind::Bool(b) => Ok(b),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    #[inline(never)]
    fn array(self, exp: &dyn de::Expected) -> Result<Elements, ReadError> {
        match self.kind()? {
            Kind::Array(length) => Ok(Elements {
                length,
                next: 0,
                reader: self,
            }),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    #[inline(never)]
    fn object(self, exp: &dyn de::Expected) -> Result<Entries, ReadError> {
        match self.kind()? {
            Kind::Object(keys) => Ok(Entries {
                keys,
                next: 0,
                reader: self,
            }),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    #[inline(never)]
    fn nothing(&self, exp: &dyn de::Expected) -> Result<(), ReadError> {
        match self.kind()? {
            Kind::Unit => Ok(()),
            other => Err(de::Error::invalid_type(other.unexpected(), exp)),
        }
    }

    fn is_nothing(&self) -> bool {
        self.value.is_undefined() || self.value.is_null()
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
            match self.number(&visitor)? {
                Number::Unsigned(n) => visitor.visit_u64(n),
                Number::Signed(n) => visitor.visit_i64(n),
                Number::Float(x) => visitor.visit_f64(x),
            }
        })*
    };
}

macro_rules! texts {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
            let text = self.text(&visitor)?;
            visitor.visit_string(text)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = ReadError;

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64
    }

    texts! {
        deserialize_char deserialize_str deserialize_string deserialize_identifier
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let b = self.boolean(&visitor)?;
        visitor.visit_bool(b)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.nothing(&visitor)?;
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let elements = self.array(&visitor)?;
        visitor.visit_seq(elements)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let entries = self.object(&visitor)?;
        visitor.visit_map(entries)
    }

    // Only as objects: serde would also take a struct as an array of its
    // fields in order, and read every struct twice over in the binary.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.kind()? {
            Kind::Unit => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            Kind::Unsigned(n) => visitor.visit_u64(n),
            Kind::Signed(n) => visitor.visit_i64(n),
            Kind::Float(x) => visitor.visit_f64(x),
            Kind::Text(s) => visitor.visit_string(s),
            Kind::Array(length) => visitor.visit_seq(Elements {
                length,
                next: 0,
                reader: self,
            }),
            Kind::Object(keys) => visitor.visit_map(Entries {
                keys,
                next: 0,
                reader: self,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        if self.is_nothing() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        // synack's enums are names: "s2c", "linux", "three-way".
        let name = self.text(&visitor)?;
        visitor.visit_enum(name.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    // A field nobody asked for is left unread: reading it could run code.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit_struct tuple_struct
    }
}

/// An array's elements, read one at a time.
struct Elements {
    length: u32,
    next: u32,
    reader: Reader,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        if self.next >= self.length {
            return Ok(None);
        }
        let i = self.next;
        self.next += 1;
        let inner = self.reader.element(i)?;
        seed.deserialize(inner)
            .map(Some)
            .map_err(|e| at_index(e, i))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.length - self.next) as usize)
    }
}

#[inline(never)]
fn at_index(e: ReadError, i: u32) -> ReadError {
    e.at(i.to_string())
}

/// An object's own keys and their values.
struct Entries {
    keys: js_sys::Array,
    next: u32,
    reader: Reader,
}

impl Entries {
    /// The current key's text, for errors (and key reading).
    fn key(&self) -> String {
        self.keys
            .get(self.next.wrapping_sub(1))
            .as_string()
            .unwrap_or_default()
    }

    /// An error about the current key's value, with the key in its path.
    #[inline(never)]
    fn here(&self, e: ReadError) -> ReadError {
        e.at(clip(&self.key()))
    }

    #[inline(never)]
    fn value(&self) -> Result<Reader, ReadError> {
        self.reader.entry(&self.key())
    }
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        self.next += 1;
        // An unknown key is refused before its value (maybe a getter) is read.
        let key = self.key();
        match seed.deserialize(key.as_str().into_deserializer()) {
            Ok(k) => Ok(Some(k)),
            Err(e) => Err(self.here(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let value = self.value()?;
        seed.deserialize(value).map_err(|e| self.here(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.keys.length() - self.next) as usize)
    }
}
