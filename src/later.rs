//! Parts of the page whose code is fetched the first time they are shown.
//!
//! Release builds of the page (feature `split`, scripts/post-build.sh) cut
//! the wasm at each `split!` function: its code, and whatever only it uses,
//! goes into a module of its own that the page fetches on the first call.
//! Everywhere else (tests, native builds) the function is an
//! ordinary one behind an `async fn` that is ready at once.

use crate::i18n::Lang;
use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::thread::LocalKey;
use yew::prelude::*;

/// Why a part's code did not arrive (the network, most often).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// `split!(chunk: fn name(args) -> T { body })` declares `async fn name(args)
/// -> Result<T, NotLoaded>`, whose body is in the wasm module `chunk` of a
/// split build. Functions of one chunk arrive together.
#[macro_export]
macro_rules! split {
    ($(#[$attr:meta])* $chunk:ident: $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::later::NotLoaded> {
            Ok($body)
        }
        $(#[$attr])*
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        #[allow(clippy::unused_async)]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::later::NotLoaded> {
            Ok($body)
        }
    };
}

/// How a part is drawn once its code is here: from its props, which the
/// drawing function knows the type of (one `Later` serves every part, so
/// the page carries its code once, not once per part).
pub type Draw = fn(&dyn Any) -> Html;

/// A part of the page drawn by code that may not be here yet (`part!`
/// makes one): where its drawing function is kept once fetched, and how to
/// fetch it.
pub struct Part {
    pub slot: &'static LocalKey<Cell<Option<Draw>>>,
    pub fetch: Fetch,
}

/// Fetches a part's code and returns its drawing function.
pub type Fetch = fn() -> Pin<Box<dyn Future<Output = Result<Draw, NotLoaded>>>>;

#[derive(Properties, Clone)]
pub struct LaterProps {
    pub part: &'static Part,
    /// The part's own props (the type its `Draw` expects).
    pub props: Rc<dyn Any>,
    /// For the word of why it is missing, if it does not arrive.
    pub lang: Lang,
}

impl PartialEq for LaterProps {
    /// By identity: a new render brings new props, and the part's own
    /// component compares them by value.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.part, other.part)
            && Rc::ptr_eq(&self.props, &other.props)
            && self.lang == other.lang
    }
}

/// `later(&PART, props, lang)`: the part drawn with these props.
pub fn later<P: 'static>(part: &'static Part, props: P, lang: Lang) -> Html {
    html! { <Later {part} props={Rc::new(props) as Rc<dyn Any>} {lang} /> }
}

/// Where nothing is split off, the code is here: drawn in the first
/// render, as any other component.
#[cfg(not(all(feature = "split", target_arch = "wasm32")))]
fn ready_at_once(part: &Part) -> Option<Draw> {
    use std::task::{Context, Poll, Waker};
    match (part.fetch)()
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(draw)) => Some(draw),
        _ => None,
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
fn ready_at_once(_: &Part) -> Option<Draw> {
    None
}

/// Draws its part at once if the code is here, else nothing until it is
/// (or a word of why not).
#[component]
pub fn Later(p: &LaterProps) -> Html {
    let part = p.part;
    let draw = use_state(|| {
        part.slot
            .with(Cell::get)
            .or_else(|| ready_at_once(part))
            .ok_or(None::<NotLoaded>)
    });
    {
        let draw = draw.clone();
        use_effect_with((), move |_| {
            if draw.is_err() {
                wasm_bindgen_futures::spawn_local(async move {
                    match (part.fetch)().await {
                        Ok(f) => {
                            part.slot.with(|s| s.set(Some(f)));
                            draw.set(Ok(f));
                        }
                        Err(e) => draw.set(Err(Some(e))),
                    }
                });
            }
        });
    }
    match *draw {
        Ok(f) => f(&*p.props),
        Err(None) => html! { <div class="later" aria-busy="true"></div> },
        Err(Some(NotLoaded)) => html! {
            <p class="field-error" role="alert">{ p.lang.s().part_not_loaded }</p>
        },
    }
}

/// `part!(chunk: NAME, fetch_fn, Props => Component)`: `later(&NAME, props,
/// lang)` draws `Component` with code from `chunk`.
#[macro_export]
macro_rules! part {
    ($chunk:ident: $name:ident, $fetch:ident, $props:ty => $component:ident) => {
        pub static $name: $crate::later::Part = $crate::later::Part {
            slot: {
                ::std::thread_local!(static SLOT: ::std::cell::Cell<Option<$crate::later::Draw>> = const { ::std::cell::Cell::new(None) });
                &SLOT
            },
            fetch: {
                fn boxed() -> ::std::pin::Pin<
                    Box<dyn ::std::future::Future<Output = Result<$crate::later::Draw, $crate::later::NotLoaded>>>,
                > {
                    Box::pin($fetch())
                }
                boxed
            },
        };
        $crate::split!($chunk: fn $fetch() -> $crate::later::Draw {
            |p: &dyn ::std::any::Any| match p.downcast_ref::<$props>() {
                Some(p) => ::yew::html! { <$component ..p.clone() /> },
                None => ::yew::Html::default(),
            }
        });
    };
}
