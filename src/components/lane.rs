use crate::geometry::TOP;
use synack_sim::sim::{CLIENT_ADDR, SERVER_ADDR};
use synack_sim::Side;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LaneProps {
    pub side: Side,
    pub x: f64,
    pub height: f64,
}

/// An endpoint's lifeline: its name and address on top, time running down.
#[component]
pub fn Lane(props: &LaneProps) -> Html {
    let (name, addr) = match props.side {
        Side::Client => ("Client", CLIENT_ADDR),
        Side::Server => ("Server", SERVER_ADDR),
    };
    let [a, b, c, d] = addr.ip;
    let x = props.x;
    html! {
        <g class={classes!("lane", props.side.name())}>
            <rect class="lane-head" x={(x - 80.0).to_string()} y="8" width="160" height="40" rx="6" />
            <text class="lane-name" x={x.to_string()} y="25" text-anchor="middle">{ name }</text>
            <text class="lane-addr" x={x.to_string()} y="41" text-anchor="middle">
                { format!("{a}.{b}.{c}.{d}:{}", addr.port) }
            </text>
            <line class="lane-line" x1={x.to_string()} y1={(TOP - 14.0).to_string()}
                  x2={x.to_string()} y2={(props.height - 20.0).to_string()} />
        </g>
    }
}
