use crate::geometry::Arrow;
use synack_sim::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SegmentArrowProps {
    pub arrow: Arrow,
}

/// One segment: an arrow from sender to receiver, labelled along its length.
/// A lost segment is dashed and ends in a cross (never told by colour alone).
#[component]
pub fn SegmentArrow(props: &SegmentArrowProps) -> Html {
    let a = &props.arrow;
    let (mx, my) = ((a.x1 + a.x2) / 2.0, (a.y1 + a.y2) / 2.0);
    let class = classes!(
        "segment",
        match a.from {
            Side::Client => "c2s",
            Side::Server => "s2c",
        },
        a.lost.then_some("lost"),
        a.retransmission.then_some("rtx"),
    );
    let cross = a.lost.then(|| {
        let (x, y, r) = (a.x2, a.y2, 7.0);
        html! {
            <g class="cross">
                <line x1={(x - r).to_string()} y1={(y - r).to_string()} x2={(x + r).to_string()} y2={(y + r).to_string()} />
                <line x1={(x - r).to_string()} y1={(y + r).to_string()} x2={(x + r).to_string()} y2={(y - r).to_string()} />
            </g>
        }
    });
    let label = if a.retransmission {
        format!("↻ {}", a.label)
    } else {
        a.label.clone()
    };
    html! {
        <g class={class} data-segment={a.id.to_string()}>
            <title>{ a.tooltip.clone() }</title>
            <line class="shaft" x1={a.x1.to_string()} y1={a.y1.to_string()}
                  x2={a.x2.to_string()} y2={a.y2.to_string()}
                  marker-end={(!a.lost).then_some("url(#arrowhead)")} />
            { for cross }
            <text class="label" x={mx.to_string()} y={(my - 6.0).to_string()} text-anchor="middle"
                  transform={format!("rotate({:.2} {mx:.2} {my:.2})", a.angle)}>
                { label }
            </text>
        </g>
    }
}
