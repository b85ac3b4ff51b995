//! The live instances `synack.mount` makes, kept in a pool.
//!
//! Yew never removes the event listeners it puts on an app's root element
//! (yew 0.23 `HostHandlers::add_listener` forgets them, and they hold the
//! app's subtree), so every app rendered and destroyed would leave its
//! root, eight listeners and a few KB of wasm memory behind for good. So
//! an app is never destroyed: `destroy` empties it and takes its root, an
//! element of ours, out of the host page's element, and the next `mount`
//! moves that root into its own element and gives it new props. Memory is
//! then bounded by the most instances ever live at once, not by how many
//! were mounted.

use crate::app::{App, AppProps};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What one pooled app shows: an instance, or nothing while it waits.
#[derive(Properties, PartialEq)]
pub struct SlotProps {
    pub app: Option<Rc<AppProps>>,
    /// A new instance for each mount, never the state of the last one.
    pub generation: u32,
}

/// The root of every app: the page's own renders one with `Some` for good.
#[function_component]
pub fn Slot(props: &SlotProps) -> Html {
    match &props.app {
        Some(app) => {
            yew::virtual_dom::VComp::new::<App>(app.clone(), Some(props.generation.into())).into()
        }
        None => Html::default(),
    }
}

struct Pooled {
    root: web_sys::Element,
    handle: yew::AppHandle<Slot>,
}

thread_local! {
    static IDLE: RefCell<Vec<Pooled>> = const { RefCell::new(Vec::new()) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A mounted instance; `close` gives its app back to the pool.
pub struct Instance(Option<Pooled>);

impl Instance {
    /// Show `props` inside `host` in place of its content, reusing an idle app if there is one.
    pub fn open(host: &web_sys::Element, props: AppProps) -> Option<Instance> {
        let generation = GENERATION.with(|g| {
            g.set(g.get().wrapping_add(1));
            g.get()
        });
        let pooled = match IDLE.with(|idle| idle.borrow_mut().pop()) {
            Some(p) => p,
            None => {
                let root = web_sys::window()?.document()?.create_element("div").ok()?;
                let handle = yew::Renderer::<Slot>::with_root_and_props(
                    root.clone(),
                    SlotProps {
                        app: None,
                        generation,
                    },
                )
                .render();
                Pooled { root, handle }
            }
        };
        host.replace_children_with_node_1(&pooled.root);
        let mut pooled = pooled;
        pooled.handle.update(SlotProps {
            app: Some(Rc::new(props)),
            generation,
        });
        Some(Instance(Some(pooled)))
    }

    /// Empty the app, take it out of the host page, and keep it for the next mount.
    pub fn close(&mut self) {
        if let Some(mut p) = self.0.take() {
            p.handle.update(SlotProps {
                app: None,
                generation: 0,
            });
            p.root.remove();
            IDLE.with(|idle| idle.borrow_mut().push(p));
        }
    }
}
