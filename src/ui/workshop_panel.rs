//! The side panel: workshop details, partner organisations and participants.

use super::intents::Intents;
use super::widgets::{colour32, date_field, organisation_picker, section_heading, swatch_text, text_field};
use crate::model::{Edit, Organisation, Participant, Rgb, Sector, Session, WorkshopDetails};
use egui::{RichText, Ui};
use std::collections::HashMap;

/// What the panel keeps between frames that is not part of the workshop: half-typed entries.
#[derive(Debug, Default)]
pub struct PanelDrafts {
    /// The name typed for the next organisation.
    pub new_organisation_name: String,
    /// The sector chosen for the next organisation.
    pub new_organisation_sector: Sector,
    /// Date fields being typed in, by field key.
    pub dates: HashMap<String, String>,
}

/// Draw the workshop panel for `session`.
pub fn workshop_panel_ui(ui: &mut Ui, session: &Session, drafts: &mut PanelDrafts, intents: &mut Intents) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        details_ui(ui, session, drafts, intents);
        ui.separator();
        organisations_ui(ui, session, drafts, intents);
        ui.separator();
        participants_ui(ui, session, intents);
    });
}

fn details_ui(ui: &mut Ui, session: &Session, drafts: &mut PanelDrafts, intents: &mut Intents) {
    section_heading(ui, "Workshop details");
    let details = &session.details;
    let with = |change: fn(&mut WorkshopDetails, String)| {
        move |text: String| {
            let mut changed = details.clone();
            change(&mut changed, text);
            Edit::SetDetails(changed)
        }
    };
    text_field(ui, intents, "Title", &details.title, "details.title".into(), false, with(|d, t| d.title = t));

    let key = "details.date".to_owned();
    let mut draft = drafts.dates.remove(&key);
    date_field(ui, "Date", details.date, &mut draft, |date| {
        intents.edit(Edit::SetDetails(WorkshopDetails { date, ..details.clone() }));
    });
    if let Some(draft) = draft {
        drafts.dates.insert(key, draft);
    }

    text_field(ui, intents, "Venue", &details.venue, "details.venue".into(), false, with(|d, t| d.venue = t));
    text_field(ui, intents, "Purpose", &details.purpose, "details.purpose".into(), true, with(|d, t| d.purpose = t));
    text_field(
        ui,
        intents,
        "Facilitator",
        &details.facilitator,
        "details.facilitator".into(),
        false,
        with(|d, t| d.facilitator = t),
    );
}

fn organisations_ui(ui: &mut Ui, session: &Session, drafts: &mut PanelDrafts, intents: &mut Intents) {
    section_heading(ui, "Partner organisations");
    if session.organisations.is_empty() {
        ui.label(RichText::new("Add the organisations taking part; their notes will carry their colour.").weak());
    }
    for (index, organisation) in session.organisations.iter().enumerate() {
        organisation_row_ui(ui, index, organisation, intents);
    }

    ui.add_space(4.0);
    let label = ui.label("New organisation name");
    let name_field = ui.add(
        egui::TextEdit::singleline(&mut drafts.new_organisation_name)
            .hint_text("e.g. Bristol Assertive Outreach Team")
            .desired_width(f32::INFINITY),
    );
    let name_field = name_field.labelled_by(label.id);
    ui.horizontal(|ui| {
        let sector = &mut drafts.new_organisation_sector;
        sector_picker(ui, "new organisation sector", sector, "Sector of the new organisation");
    });
    let entered = name_field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
    let clicked = ui.button("Add organisation").clicked();
    let name = drafts.new_organisation_name.trim().to_owned();
    if (entered || clicked) && !name.is_empty() {
        let colour = Rgb::palette_colour(session.organisations.len());
        intents.edit(Edit::InsertOrganisation {
            index: session.organisations.len(),
            organisation: Organisation::new(name, drafts.new_organisation_sector, colour),
        });
        drafts.new_organisation_name.clear();
    }
}

fn organisation_row_ui(ui: &mut Ui, index: usize, organisation: &Organisation, intents: &mut Intents) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 3.0, colour32(organisation.colour));
            ui.label(RichText::new(organisation.short_label()).strong());
        });
        text_field(
            ui,
            intents,
            &format!("Organisation {} name", index + 1),
            &organisation.name,
            format!("organisation.name.{}", organisation.id),
            false,
            |name| Edit::UpdateOrganisation(Organisation { name, ..organisation.clone() }),
        );
        text_field(
            ui,
            intents,
            &format!("Short name on notes (blank for the initials, {})", organisation.initials()),
            organisation.short_name.as_deref().unwrap_or(""),
            format!("organisation.short_name.{}", organisation.id),
            false,
            |short| {
                let short_name = Some(short).filter(|short| !short.trim().is_empty());
                Edit::UpdateOrganisation(Organisation { short_name, ..organisation.clone() })
            },
        );
        ui.horizontal_wrapped(|ui| {
            let mut sector = organisation.sector;
            sector_picker(ui, ("sector", organisation.id), &mut sector, &format!("Sector of {}", organisation.name));
            if sector != organisation.sector {
                intents.edit(Edit::UpdateOrganisation(Organisation { sector, ..organisation.clone() }));
            }
            let mut colour = organisation.colour;
            colour_picker(ui, ("colour", organisation.id), &mut colour, &format!("Colour of {}", organisation.name));
            if colour != organisation.colour {
                intents.edit(Edit::UpdateOrganisation(Organisation { colour, ..organisation.clone() }));
            }
            let remove = ui
                .button("Remove")
                .on_hover_text(
                    "Remove this organisation. Its notes stay, without an organisation. Undo brings it back.",
                )
                .accessible_name(format!("Remove {}", organisation.name));
            if remove.clicked() {
                intents.edit(Edit::RemoveOrganisation(organisation.id));
            }
        });
    });
}

fn sector_picker(ui: &mut Ui, id_salt: impl egui::AsIdSalt, sector: &mut Sector, accessible_label: &str) {
    let response = egui::ComboBox::from_id_salt(id_salt).selected_text(sector.label()).width(240.0).show_ui(ui, |ui| {
        for option in Sector::ALL {
            ui.selectable_value(sector, option, option.label());
        }
    });
    let _ = response.response.accessible_name(accessible_label);
}

fn colour_picker(ui: &mut Ui, id_salt: impl egui::AsIdSalt, colour: &mut Rgb, accessible_label: &str) {
    let name = Rgb::PALETTE_NAMES
        .iter()
        .zip(Rgb::PALETTE)
        .find(|(_, option)| option == colour)
        .map_or_else(|| colour.to_string(), |(name, _)| (*name).to_owned());
    let response =
        egui::ComboBox::from_id_salt(id_salt).selected_text(swatch_text(ui, &name, *colour)).show_ui(ui, |ui| {
            for (option_name, option) in Rgb::PALETTE_NAMES.iter().zip(Rgb::PALETTE) {
                let text = swatch_text(ui, option_name, option);
                ui.selectable_value(colour, option, text);
            }
        });
    let _ = response.response.accessible_name(accessible_label);
}

fn participants_ui(ui: &mut Ui, session: &Session, intents: &mut Intents) {
    section_heading(ui, "Participants");
    if session.participants.is_empty() {
        ui.label(RichText::new("Names are optional: people can take part anonymously.").weak());
    }
    for (index, participant) in session.participants.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width((ui.available_width() - 100.0).max(120.0));
                text_field(
                    ui,
                    intents,
                    &format!("Participant {} name", index + 1),
                    participant.name.as_deref().unwrap_or(""),
                    format!("participant.name.{}", participant.id),
                    false,
                    |name| {
                        let name = (!name.trim().is_empty()).then_some(name);
                        Edit::UpdateParticipant(Participant { name, ..participant.clone() })
                    },
                );
                let label = format!("Organisation of participant {}", index + 1);
                if let Some(organisation) = organisation_picker(
                    ui,
                    session,
                    ("participant org", participant.id),
                    &label,
                    participant.organisation,
                ) {
                    intents.edit(Edit::UpdateParticipant(Participant { organisation, ..participant.clone() }));
                }
            });
            let remove = ui.button("Remove").accessible_name(format!("Remove participant {}", index + 1));
            if remove.clicked() {
                intents.edit(Edit::RemoveParticipant(participant.id));
            }
        });
    }
    if ui.button("Add participant").clicked() {
        intents.edit(Edit::InsertParticipant {
            index: session.participants.len(),
            participant: Participant::new(None, None),
        });
    }
}
