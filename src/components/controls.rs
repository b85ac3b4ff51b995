use crate::i18n::{self, Lang};
use crate::state::{Action, Draft, Field, FieldError};
use synack_sim::config::SynCookies;
use synack_sim::{Config, Dir, Preset};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Compared by identity: a new config is a new allocation (`state::Source`).
    pub config: crate::shared::Shared<Config>,
    pub drafts: Vec<Draft>,
    pub lang: Lang,
    pub relative: bool,
    pub dispatch: Callback<Action>,
}

fn field_index(f: Field) -> usize {
    Field::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

/// A number field that shows the user's text as typed and, when it is not a
/// valid value, an inline message while the last valid run stays on screen.
fn number_field(p: &ControlsProps, field: Field, label: &str, id: &str) -> Html {
    let draft = &p.drafts[field_index(field)];
    let s = p.lang.s();
    let error = draft.error.map(|e| match e {
        FieldError::NotANumber => format!("“{}” {}", draft.text, s.not_a_number),
        FieldError::OutOfRange { min, max, whole } => i18n::range_message(p.lang, min, max, whole),
        FieldError::Conflict => s.field_conflict.to_string(),
    });
    let dispatch = p.dispatch.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        dispatch.emit(Action::Edit(field, input.value()));
    });
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.to_string()}>{ label.to_string() }</label>
            <input id={id.to_string()} type="text" inputmode="decimal" autocomplete="off"
                   value={draft.text.clone()} {oninput}
                   aria-invalid={error.is_some().then_some("true")}
                   aria-describedby={error.is_some().then_some(err_id.clone())} />
            if let Some(msg) = error {
                <span class="field-error" id={err_id} role="alert">{ format!("{msg} · {}", s.kept_last) }</span>
            }
        </div>
    }
}

/// Everything that shapes the run. Each edit re-simulates at once.
#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let s = p.lang.s();
    let link = |dir: Dir, title: &str| {
        let tag = dir.name();
        html! {
            <fieldset class="link">
                <legend>{ title.to_string() }</legend>
                { number_field(p, Field::Delay(dir), s.delay, &format!("{tag}-delay")) }
                { number_field(p, Field::Jitter(dir), s.jitter, &format!("{tag}-jitter")) }
                { number_field(p, Field::Loss(dir), s.loss, &format!("{tag}-loss")) }
            </fieldset>
        }
    };
    let d = p.dispatch.clone();
    let on_preset = Callback::from(move |e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        d.emit(Action::SetPreset(if sel.value() == "rfc" {
            Preset::Rfc
        } else {
            Preset::Linux
        }));
    });
    let d = p.dispatch.clone();
    let on_listen = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::SetListening(input.checked()));
    });
    let d = p.dispatch.clone();
    let on_cookies = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::SetSynCookies(input.checked()));
    });
    let d = p.dispatch.clone();
    let on_probes = Callback::from(move |e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        d.emit(Action::SetKeepaliveProbes(sel.value().parse().unwrap_or(9)));
    });
    let probes = p.config.server.keepalive.as_ref().map(|k| k.probes);
    let d = p.dispatch.clone();
    let on_reroll = Callback::from(move |_: MouseEvent| {
        d.emit(Action::Reroll((js_sys::Math::random() * 1e9).floor() as u64));
    });
    html! {
        <div class="controls">
            <div class="control-group">
                <h3>{ s.network }</h3>
                <p class="hint">{ s.click_hint }</p>
                <div class="links">
                    { link(Dir::C2s, s.link_c2s) }
                    { link(Dir::S2c, s.link_s2c) }
                </div>
            </div>
            <div class="control-group">
                <h3>{ s.settings }</h3>
                <div class="field check">
                    <input id="listening" type="checkbox" checked={p.config.server.listening} onchange={on_listen} />
                    <label for="listening">{ s.listening }</label>
                </div>
                { number_field(p, Field::Data, s.data, "data") }
                { number_field(p, Field::Backlog, s.backlog, "backlog") }
                <div class="field check">
                    <input id="syncookies" type="checkbox" checked={p.config.server.syncookies != SynCookies::Off} onchange={on_cookies} />
                    <label for="syncookies">{ s.syncookies }</label>
                </div>
                if let Some(n) = probes {
                    <div class="field">
                        <label for="probes">{ s.keepalive_probes }</label>
                        <select id="probes" onchange={on_probes}>
                            <option value="9" selected={n == 9}>{ "9 (Linux)" }</option>
                            <option value="10" selected={n == 10}>{ s.probes_article }</option>
                        </select>
                    </div>
                }
                <div class="field">
                    <label for="timers">{ s.timers }</label>
                    <select id="timers" onchange={on_preset}>
                        <option value="linux" selected={p.config.timers == Preset::Linux}>{ s.preset_linux }</option>
                        <option value="rfc" selected={p.config.timers == Preset::Rfc}>{ s.preset_rfc }</option>
                    </select>
                </div>
                <div class="seed-row">
                    { number_field(p, Field::Seed, s.seed, "seed") }
                    <button type="button" class="reroll" onclick={on_reroll}>{ s.reroll }</button>
                </div>
            </div>
        </div>
    }
}
