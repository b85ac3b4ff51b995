use super::SvgMarkup;
use crate::geometry::{Layout, TimerBar};
use crate::i18n::{self, Lang};
use crate::number::px;
use crate::shared::Shared;
use std::fmt::Write;
use synack_sim::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimerBarsProps {
    pub layout: Shared<Layout>,
    pub pos: f64,
    pub lang: Lang,
}

/// Each armed timer as a bar beside the lane that armed it, growing with the
/// playhead; a timer that fired ends in a tick mark. Its title gives the RTO.
/// Drawn as markup like the arrows (a run re-arms its RTO on every ACK, so
/// there can be as many bars as segments): the timers that have ended in
/// one piece that changes only when another ends, the running ones in another.
/// A timer restarted by each ACK is one bar (`geometry::timer_bars`).
#[component]
pub fn TimerBars(props: &TimerBarsProps) -> Html {
    let l = &props.layout;
    let mut ended_ids = Vec::new();
    let mut running = String::new();
    for (i, bar) in l.timer_bars.iter().enumerate() {
        let y0 = l.axis.y(bar.start_us);
        if y0 > props.pos {
            continue;
        }
        let y_end = l.axis.y(bar.end_us);
        if props.pos >= y_end {
            ended_ids.push(i);
        } else {
            write_bar(&mut running, l, bar, y0, y_end, props.pos, props.lang);
        }
    }
    // Built again only when another timer ends, not on every frame.
    let ended = use_memo(
        (props.layout.clone(), props.lang, ended_ids),
        |(l, lang, ids)| {
            let mut out = String::new();
            for bar in ids.iter().filter_map(|&i| l.timer_bars.get(i)) {
                let (y0, y_end) = (l.axis.y(bar.start_us), l.axis.y(bar.end_us));
                write_bar(&mut out, l, bar, y0, y_end, f64::INFINITY, *lang);
            }
            AttrValue::from(out)
        },
    );
    html! {
        <g class="timers">
            <SvgMarkup markup={(*ended).clone()} />
            <SvgMarkup markup={running} />
        </g>
    }
}

fn write_bar(
    out: &mut String,
    l: &Layout,
    bar: &TimerBar,
    y0: f64,
    y_end: f64,
    pos: f64,
    lang: Lang,
) {
    let x = match bar.side {
        Side::Client => l.frame.client_x - 6.0,
        Side::Server => l.frame.server_x + 6.0,
    };
    let fired = pos >= y_end && bar.fired;
    let _ = write!(
        out,
        "<g class=\"timer{}\"><title>{} · {}{}</title>\
         <line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/>",
        if fired { " fired" } else { "" },
        i18n::timer(lang, bar.kind),
        i18n::timer_length(lang, bar.kind, bar.rto),
        i18n::rearmed(lang, bar.rearmed),
        px(y0),
        px(y_end.min(pos)),
        x = px(x),
    );
    if fired {
        let _ = write!(
            out,
            "<line class=\"fired-tick\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
            px(x - 4.0),
            px(x + 4.0),
            y = px(y_end)
        );
    }
    out.push_str("</g>");
}
