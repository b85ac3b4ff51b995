use crate::geometry::SETUP_Y;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LaneProps {
    pub name: AttrValue,
    pub x: f64,
    pub height: f64,
}

/// An endpoint's lifeline: time runs down it.
#[component]
pub fn Lane(props: &LaneProps) -> Html {
    let x = props.x;
    html! {
        <g class="lane">
            <text class="lane-name" x={x.to_string()} y="18" text-anchor="middle">{ props.name.clone() }</text>
            <line class="lane-line" x1={x.to_string()} y1={(SETUP_Y - 12.0).to_string()}
                  x2={x.to_string()} y2={(props.height - 20.0).to_string()} />
        </g>
    }
}
