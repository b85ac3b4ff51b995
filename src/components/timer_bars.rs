use crate::geometry::Layout;
use crate::i18n::{self, Lang};
use crate::shared::Shared;
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
#[component]
pub fn TimerBars(props: &TimerBarsProps) -> Html {
    let l = &props.layout;
    let bars = l.timers.iter().filter_map(|span| {
        let y0 = l.axis.y(span.start_us);
        if y0 > props.pos {
            return None;
        }
        let y_end = l.axis.y(span.end_us);
        let y1 = y_end.min(props.pos);
        let x = match span.side {
            Side::Client => l.frame.client_x - 6.0,
            Side::Server => l.frame.server_x + 6.0,
        };
        let fired = props.pos >= y_end && span.fired;
        let title = format!(
            "{} · RTO {}",
            i18n::timer(props.lang, span.kind),
            i18n::duration(props.lang, span.rto())
        );
        Some(html! {
            <g class={classes!("timer", fired.then_some("fired"))}>
                <title>{ title }</title>
                <line x1={x.to_string()} x2={x.to_string()} y1={y0.to_string()} y2={format!("{y1:.1}")} />
                if fired {
                    <line class="fired-tick" x1={(x - 4.0).to_string()} x2={(x + 4.0).to_string()}
                          y1={y_end.to_string()} y2={y_end.to_string()} />
                }
            </g>
        })
    });
    html! { <g class="timers">{ for bars }</g> }
}
