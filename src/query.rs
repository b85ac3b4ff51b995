//! Query strings (`a=1&b=x+y`), read and written as browsers do
//! (application/x-www-form-urlencoded). In the page, by the browser's own
//! `URLSearchParams`; natively (tests, the command line) by `form_urlencoded`,
//! which encodes and decodes the same way. The page so carries no
//! percent-coding of its own (2.7 KB of wasm).

/// The name and value pairs of a query string (with or without its `?`).
pub fn pairs(query: &str) -> Vec<(String, String)> {
    let query = query.trim_start_matches('?');
    #[cfg(target_arch = "wasm32")]
    {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
            return Vec::new();
        };
        js_sys::Array::from(&params)
            .iter()
            .map(|pair| {
                let pair = js_sys::Array::from(&pair);
                let text = |i| pair.get(i).as_string().unwrap_or_default();
                (text(0), text(1))
            })
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
}

/// A query string from its pairs, in order.
pub fn write<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let Ok(params) = web_sys::UrlSearchParams::new() else {
            return String::new();
        };
        for (name, value) in pairs {
            params.append(name, value);
        }
        params.to_string().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            q.append_pair(name, value);
        }
        q.finish()
    }
}
