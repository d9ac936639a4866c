//! Roles: the list, and what each permits as a matrix of resource types by actions.

use crate::api::authorization::ResourceType;
use crate::api::iam::Role;
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::list::Column;
use crate::components::resource::Resource;
use crate::components::table::{ColumnHead, TableRow};

impl Resource for Role {
    const SLUG: &'static str = "roles";
    const TITLE: &'static str = "Roles";
    const NOUN: &'static str = "role";
    const PLURAL: &'static str = "roles";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Roles);
    const TENANT_WIDE: bool = true;
    const DELETABLE: bool = false;

    fn columns() -> Vec<Column<Role>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
}

fn columns() -> Vec<Column<Role>> {
    let column = Column::<Role>::new;
    vec![
        Column::name("Role"),
        column("description", "Description", |r| Cell::Text(r.description.clone())),
        column("kind", "Kind", |r| Cell::Text(if r.custom { "Custom" } else { "Predefined" }.into())),
        column("permissions", "Resource types", |r| Cell::Number(r.permissions.len() as f64)),
        column("updated", "Updated", |r| Cell::opt_time(r.updated_at.as_deref())).hidden(),
    ]
}

const ACTIONS: [&str; 5] = ["create", "read", "update", "delete", "sync"];

/// One row per resource type, one column per action: what the role permits.
fn sections(r: &Role) -> Vec<Section> {
    let mut heads = vec![ColumnHead::new("type", "Resource type")];
    heads.extend(ACTIONS.iter().map(|a| ColumnHead::new(a, a)));
    let rows = r
        .permissions
        .iter()
        .map(|p| {
            let mut cells = vec![Cell::Text(if p.display_name.is_empty() { p.resource_type.clone() } else { p.display_name.clone() })];
            cells.extend(ACTIONS.iter().map(|a| match p.actions.iter().any(|x| x == a) {
                true => Cell::Status { label: "✓ allowed".into(), tone: Tone::Good },
                false => Cell::Missing,
            }));
            TableRow { key: p.resource_type.clone(), name: p.resource_type.clone(), href: None, cells }
        })
        .collect();
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Description", Cell::Text(r.description.clone())),
                ("Kind", Cell::Text(if r.custom { "Custom" } else { "Predefined" }.into())),
                ("Enabled", Cell::opt(r.enabled.map(|e| if e { "Yes" } else { "No" }))),
            ]),
        },
        Section { title: "Permissions", body: SectionBody::Table { heads, rows, empty: "This role permits nothing." } },
    ]
}
