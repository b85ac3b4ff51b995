//! Parts of the page whose code is fetched the first time they are shown.
//!
//! Release builds of the page (feature `split`, scripts/post-build.sh) cut
//! the wasm at each `split!` function: its code, and whatever only it uses,
//! goes into a module of its own that the page fetches on the first call.
//! Everywhere else (tests, native builds) the function is an
//! ordinary one behind an `async fn` that is ready at once.

use crate::i18n::Lang;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
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

/// How a part is drawn once its code is here.
pub type Draw<P> = fn(&P) -> Html;

/// A part of the page drawn by code that may not be here yet: its props.
pub trait Part: PartialEq + 'static {
    /// Where the drawing function is kept once fetched.
    fn slot() -> &'static LocalKey<Cell<Option<Draw<Self>>>>;
    /// Fetches the code and returns the drawing function.
    fn fetch() -> Pin<Box<dyn Future<Output = Result<Draw<Self>, NotLoaded>>>>;
}

#[derive(Properties, PartialEq)]
pub struct LaterProps<P: Part> {
    pub part: P,
    /// For the word of why it is missing, if it does not arrive.
    pub lang: Lang,
}

/// Where nothing is split off, the code is here: drawn in the first
/// render, as any other component.
#[cfg(not(all(feature = "split", target_arch = "wasm32")))]
fn ready_at_once<P: Part>() -> Option<Draw<P>> {
    use std::task::{Context, Poll, Waker};
    match P::fetch()
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(draw)) => Some(draw),
        _ => None,
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
fn ready_at_once<P: Part>() -> Option<Draw<P>> {
    None
}

/// Draws `part` at once if its code is here, else nothing until it is (or a
/// word of why not).
#[component]
pub fn Later<P: Part>(p: &LaterProps<P>) -> Html {
    let draw = use_state(|| {
        P::slot()
            .with(Cell::get)
            .or_else(ready_at_once::<P>)
            .ok_or(None::<NotLoaded>)
    });
    {
        let draw = draw.clone();
        use_effect_with((), move |_| {
            if draw.is_err() {
                wasm_bindgen_futures::spawn_local(async move {
                    match P::fetch().await {
                        Ok(f) => {
                            P::slot().with(|s| s.set(Some(f)));
                            draw.set(Ok(f));
                        }
                        Err(e) => draw.set(Err(Some(e))),
                    }
                });
            }
        });
    }
    match *draw {
        Ok(f) => f(&p.part),
        Err(None) => html! { <div class="later" aria-busy="true"></div> },
        Err(Some(NotLoaded)) => html! {
            <p class="field-error" role="alert">{ p.lang.s().part_not_loaded }</p>
        },
    }
}

/// `part!(chunk: fetch_fn, Props => Component)`: `Later<Props>` draws
/// `Component` with code from `chunk`.
#[macro_export]
macro_rules! part {
    ($chunk:ident: $fetch:ident, $props:ty => $component:ident) => {
        impl $crate::later::Part for $props {
            fn slot(
            ) -> &'static ::std::thread::LocalKey<::std::cell::Cell<Option<$crate::later::Draw<Self>>>>
            {
                ::std::thread_local!(static SLOT: ::std::cell::Cell<Option<$crate::later::Draw<$props>>> = const { ::std::cell::Cell::new(None) });
                &SLOT
            }
            fn fetch() -> ::std::pin::Pin<
                Box<dyn ::std::future::Future<Output = Result<$crate::later::Draw<Self>, $crate::later::NotLoaded>>>,
            > {
                Box::pin($fetch())
            }
        }
        $crate::split!($chunk: fn $fetch() -> $crate::later::Draw<$props> {
            |p: &$props| ::yew::html! { <$component ..p.clone() /> }
        });
    };
}
