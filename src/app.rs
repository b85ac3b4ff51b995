//! The page: a default handshake drawn as a sequence diagram, and the same
//! handshake when the SYN-ACK is lost, each with its tcpdump log.

use crate::components::{EventLog, OutcomeSummary, SequenceDiagram};
use std::rc::Rc;
use synack_sim::config::DropRule;
use synack_sim::{simulate, Config, Dir, Trace};
use yew::prelude::*;

/// A figure of the page: a title, a caption, and the config it simulates.
struct Figure {
    id: &'static str,
    title: &'static str,
    caption: &'static str,
    config: Config,
}

fn figures() -> Vec<Figure> {
    let syn_ack_lost = Config {
        drop: vec![DropRule {
            dir: Dir::S2c,
            nth: 1,
        }],
        ..Config::default()
    };
    vec![
        Figure {
            id: "handshake",
            title: "The three-way handshake · 三次握手",
            caption: "connect() sends a SYN. The server answers SYN-ACK with ack = seq + 1, \
                      because a SYN takes one sequence number; the client's ACK completes the \
                      handshake. One-way delay 50 ms.",
            config: Config::default(),
        },
        Figure {
            id: "syn-ack-lost",
            title: "When the SYN-ACK is lost · 丢失 SYN-ACK",
            caption: "The SYN-ACK never arrives, so the client's SYN timer fires after 1 s and \
                      the SYN goes again with the same ISN; Linux's server answers it with the \
                      SYN-ACK at once.",
            config: syn_ack_lost,
        },
    ]
}

#[derive(Properties, PartialEq)]
struct FigureViewProps {
    id: AttrValue,
    title: AttrValue,
    caption: AttrValue,
    trace: Rc<Trace>,
}

#[component]
fn FigureView(p: &FigureViewProps) -> Html {
    html! {
        <section class="figure" id={p.id.clone()}>
            <h2>{ p.title.clone() }</h2>
            <p class="caption">{ p.caption.clone() }</p>
            <div class="figure-body">
                <div class="diagram-scroll">
                    <SequenceDiagram trace={p.trace.clone()} title={p.title.clone()} />
                </div>
                <div class="side">
                    <OutcomeSummary trace={p.trace.clone()} />
                    <EventLog trace={p.trace.clone()} />
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn App() -> Html {
    // The traces are a pure function of the configs: computed once.
    let runs = use_memo((), |_| {
        figures()
            .into_iter()
            .map(|f| {
                let trace = simulate(&f.config).map(Rc::new);
                (f, trace)
            })
            .collect::<Vec<_>>()
    });
    html! {
        <main>
            <header class="masthead">
                <h1><span class="logo">{ "synack" }</span>{ " · TCP connection visualizer" }</h1>
                <p>{ "Two simulated TCP endpoints (RFC 9293, Linux timers) and the network between them. \
                      Every arrow below is a segment the simulator sent." }</p>
            </header>
            { for runs.iter().map(|(f, trace)| match trace {
                Ok(trace) => html! {
                    <FigureView id={f.id} title={f.title} caption={f.caption} trace={trace.clone()} />
                },
                Err(e) => html! { <p class="error">{ format!("{}: {e}", f.title) }</p> },
            }) }
            <footer>
                { format!("synack {} · scripting: window.synack.simulate(config), see docs/api.md",
                          synack_sim::VERSION) }
            </footer>
        </main>
    }
}
