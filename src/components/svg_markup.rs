use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SvgMarkupProps {
    /// SVG elements as text, written by this crate (never user input).
    pub markup: AttrValue,
    /// HTML in a `<div>` of this class, rather than SVG in a `<g>`.
    #[prop_or_default]
    pub div: Option<&'static str>,
}

/// A `<g>` whose children are given as markup and replaced in one DOM call.
/// Yew's own raw-HTML node moves and removes each child with a call of its
/// own, which for a few hundred arrows costs more than parsing them.
#[component]
pub fn SvgMarkup(props: &SvgMarkupProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.markup.clone(), move |markup| {
            if let Some(g) = node.cast::<web_sys::Element>() {
                g.set_inner_html(markup);
            }
        });
    }
    // Rendered natively (the first frame in index.html), the markup is
    // written in place: there are no effects to fill it.
    #[cfg(not(target_arch = "wasm32"))]
    let inner = Html::from_html_unchecked(props.markup.clone());
    #[cfg(target_arch = "wasm32")]
    let inner = Html::default();
    match props.div {
        Some(class) => html! { <div {class} ref={node}>{ inner }</div> },
        None => html! { <g ref={node}>{ inner }</g> },
    }
}
