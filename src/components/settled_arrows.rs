use super::segment_arrow::{write_arrow, ArrowLook};
use super::SvgMarkup;
use crate::geometry::{Layout, Progress};
use crate::shared::Shared;
use crate::state::Veil;
use yew::prelude::*;

/// Arrows per block: small enough that rebuilding the block at the playhead
/// is cheap, large enough that a few hundred arrows make few components.
pub const BLOCK: usize = 32;

#[derive(Properties, PartialEq)]
pub struct SettledArrowsProps {
    pub layout: Shared<Layout>,
    /// Which of the layout's lists: a flood's spoofed SYNs, or the real segments.
    #[prop_or_default]
    pub spoofed: bool,
    /// The block: arrows `start..start + BLOCK` of that list.
    pub start: usize,
    /// Bit i set: arrow `start + i` has arrived or been lost by the playhead.
    pub settled: u64,
    #[prop_or_default]
    pub selected: Option<usize>,
    #[prop_or_default]
    pub veils: Shared<Vec<Veil>>,
    pub lang: crate::i18n::Lang,
}

/// A block of arrows that have finished travelling, drawn as one piece of
/// markup. Blocks compare equal until one of their arrows lands, so playback
/// rebuilds only the block at the playhead and an edit rebuilds each block
/// with a single DOM call.
#[component]
pub fn SettledArrows(props: &SettledArrowsProps) -> Html {
    let list = if props.spoofed {
        &props.layout.spoofed
    } else {
        &props.layout.arrows
    };
    let mut out = String::new();
    for (i, a) in list.iter().skip(props.start).take(BLOCK).enumerate() {
        if props.settled >> i & 1 == 0 {
            continue;
        }
        let look = ArrowLook {
            selected: props.selected == Some(a.id),
            veil: super::sequence_diagram::veil_of(&props.veils, a.id),
            lang: props.lang,
        };
        write_arrow(&mut out, a, Progress::Done, look);
    }
    html! { <SvgMarkup markup={out} /> }
}
