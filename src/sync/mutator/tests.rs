use super::*;
use crate::model::{BusinessHours, Conversation, Customer, PageAuthor, Priority};
use std::collections::HashMap;

#[derive(Default)]
struct Records(HashMap<(EntityKind, String), Versioned>);

impl EntityReader for Records {
    type Error = std::convert::Infallible;
    fn read(&mut self, kind: EntityKind, id: &str) -> Result<Option<Versioned>, Self::Error> {
        Ok(self.0.get(&(kind, id.to_owned())).cloned())
    }
}

impl Records {
    fn run(&mut self, ctx: &Context, op: Op) -> Result<Option<String>, Rejection> {
        let Ok(outcome) = apply(ctx, &op, self);
        let applied = outcome?;
        for entity in applied.writes {
            self.0.insert(
                (entity.kind(), entity.id()),
                Versioned {
                    entity,
                    version: ctx.version,
                },
            );
        }
        Ok(applied.remark)
    }

    fn ticket(&mut self, item: &str) -> Ticket {
        let Ok(ticket) = self.get::<Ticket>(item);
        ticket.expect("a ticket").0
    }
}

fn ctx(agent: &str, role: Role, version: u64, hlc: u64) -> Context<'_> {
    Context {
        agent_id: agent,
        role,
        now_ms: 1_700_000_000_000,
        version,
        hlc,
    }
}

fn create(item: &str) -> Op {
    Op::TicketCreate(TicketCreate::new(item.parse().unwrap(), "c1"))
}

#[test]
fn status_follows_the_state_machine_and_reopen_is_explicit() {
    let mut records = Records::default();
    records
        .run(&ctx("a", Role::Agent, 1, 1), create("x:1"))
        .unwrap();
    let set = |status, base| {
        Op::TicketSetStatus(TicketSetStatus {
            item: "x:1".parse().unwrap(),
            status,
            base_version: base,
        })
    };
    records
        .run(&ctx("a", Role::Agent, 2, 2), set(TicketStatus::Resolved, 1))
        .unwrap();
    assert_eq!(records.ticket("x:1").resolved_at, Some(1_700_000_000_000));
    let refused = records
        .run(&ctx("a", Role::Agent, 3, 3), set(TicketStatus::Open, 2))
        .unwrap_err();
    assert_eq!(refused.code, RejectCode::InvalidTransition);
    assert_eq!(
        refused.refusal,
        Refusal::CannotBecome {
            from: TicketStatus::Resolved,
            to: TicketStatus::Open,
        }
    );
    assert_eq!(
        refused.message,
        "a resolved ticket cannot become open (use ticket.reopen)"
    );
    records
        .run(
            &ctx("a", Role::Agent, 4, 4),
            Op::TicketReopen(TicketReopen {
                item: "x:1".parse().unwrap(),
            }),
        )
        .unwrap();
    assert_eq!(records.ticket("x:1").status, TicketStatus::Open);
}

#[test]
fn a_stale_scalar_write_loses_unless_its_clock_is_newer() {
    let mut records = Records::default();
    records
        .run(&ctx("a", Role::Agent, 1, 10), create("x:1"))
        .unwrap();
    let priority = |priority, base| {
        Op::TicketSetPriority(TicketSetPriority {
            item: "x:1".parse().unwrap(),
            priority,
            base_version: base,
        })
    };
    records
        .run(&ctx("a", Role::Agent, 2, 50), priority(Priority::High, 1))
        .unwrap();
    let stale = records
        .run(&ctx("b", Role::Agent, 3, 40), priority(Priority::Low, 1))
        .unwrap_err();
    assert_eq!(stale.code, RejectCode::Conflict);
    assert_eq!(
        stale.refusal,
        Refusal::Stale {
            field: ScalarField::Priority,
            changed_at: 2,
            seen: 1,
        }
    );
    assert_eq!(
        stale.message,
        "priority was changed at version 2 after the version 1 you saw, by a newer edit"
    );
    records
        .run(&ctx("b", Role::Agent, 4, 60), priority(Priority::Urgent, 1))
        .unwrap();
    assert_eq!(records.ticket("x:1").priority, Priority::Urgent);
}

#[test]
fn a_concurrent_add_beats_a_remove() {
    let mut records = Records::default();
    records
        .run(&ctx("a", Role::Agent, 1, 1), create("x:1"))
        .unwrap();
    let tag = |add: &[&str], remove: &[&str], base| {
        Op::TicketTag(TicketTag {
            item: "x:1".parse().unwrap(),
            add: add.iter().map(|t| t.to_string()).collect(),
            remove: remove.iter().map(|t| t.to_string()).collect(),
            base_version: base,
        })
    };
    records
        .run(&ctx("a", Role::Agent, 2, 2), tag(&["vip"], &[], 1))
        .unwrap();
    records
        .run(&ctx("b", Role::Agent, 3, 3), tag(&[], &["vip"], 1))
        .unwrap();
    assert!(records.ticket("x:1").tags.contains_key("vip"));
    records
        .run(&ctx("b", Role::Agent, 4, 4), tag(&[], &["vip"], 3))
        .unwrap();
    assert!(!records.ticket("x:1").tags.contains_key("vip"));
}

#[test]
fn agents_never_change_templates_or_settings_and_claims_are_exclusive() {
    let mut records = Records::default();
    let save = Op::TemplateSave(TemplateSave {
        id: "t1".into(),
        name: "Thanks".into(),
        variants: vec![crate::model::TemplateVariant {
            platform: None,
            language: "en".into(),
            body: "Thanks!".into(),
        }],
        tags: vec!["thanks".into()],
        intents: Vec::new(),
        prompts: Vec::new(),
        base_revision: 0,
    });
    assert_eq!(
        records
            .run(&ctx("a", Role::Agent, 1, 1), save.clone())
            .unwrap_err()
            .code,
        RejectCode::Forbidden
    );
    records
        .run(&ctx("l", Role::Lead, 2, 2), save.clone())
        .unwrap();
    assert_eq!(
        records
            .run(&ctx("l2", Role::Lead, 3, 3), save)
            .unwrap()
            .as_deref(),
        Some("kept_as_conflict_copy")
    );
    let settings = Op::SettingsUpdate(SettingsUpdate {
        settings: TeamSettings::default(),
    });
    assert_eq!(
        records
            .run(&ctx("l", Role::Lead, 4, 4), settings)
            .unwrap_err()
            .code,
        RejectCode::Forbidden
    );

    records
        .run(&ctx("a", Role::Agent, 5, 5), create("x:2"))
        .unwrap();
    let claim = |agent: &str, base_version| {
        Op::TicketAssign(TicketAssign {
            item: "x:2".parse().unwrap(),
            assignee: Some(agent.into()),
            base_version,
        })
    };
    records
        .run(&ctx("a", Role::Agent, 6, 6), claim("a", 5))
        .unwrap();
    // A claim from before a's is told who won, whatever its clock.
    let lost = records
        .run(&ctx("b", Role::Agent, 7, 99), claim("b", 5))
        .unwrap_err();
    assert_eq!(lost.code, RejectCode::Conflict);
    assert_eq!(
        lost.refusal,
        Refusal::AssignedMeanwhile {
            assignee: Some("a".into()),
            changed_at: 6,
            seen: 5,
        }
    );
    // One that saw a's claim is an agent taking a ticket from someone else.
    let taken = records
        .run(&ctx("b", Role::Agent, 8, 100), claim("b", 6))
        .unwrap_err();
    assert_eq!(taken.code, RejectCode::Forbidden);
    assert_eq!(taken.refusal, Refusal::LeadReassigns);
}

#[test]
fn the_first_response_is_due_in_business_minutes() {
    // 2023-11-14 22:13:20 UTC is a Tuesday evening, after hours.
    let created = 1_700_000_000_000;
    let settings = TeamSettings {
        first_response_minutes: 30,
        business_hours: Some(BusinessHours {
            utc_offset_minutes: 0,
            days: vec![1, 2, 3, 4, 5],
            start_minute: 9 * 60,
            end_minute: 17 * 60,
        }),
        brand_accounts: Default::default(),
    };
    let due = first_response_due(created, &settings);
    // Wednesday 09:30 UTC.
    assert_eq!(due, 1_700_040_600_000);
    assert_eq!(
        first_response_due(created, &TeamSettings::default()),
        created + 3_600_000
    );
}

#[test]
fn a_ticket_carries_what_the_page_shows_and_matches_its_customer_by_identity() {
    let mut records = Records::default();
    let posted = 1_700_000_000_000 - 3_600_000;
    let from_page = |item: &str, handle: &str| {
        let mut args = TicketCreate::new(item.parse().unwrap(), item);
        args.author = Some(PageAuthor {
            platform: crate::model::Platform::X,
            handle: handle.into(),
            display_name: "Ana López".into(),
        });
        args.posted_at = Some(posted);
        args.excerpt = Some("<b>my order</b> never came".into());
        args.sentiment = Some(crate::sentiment::Label::Negative);
        args.urgency = Some(crate::care::UrgencyLevel::High);
        args.intent = Some(crate::care::Intent::Complaint);
        args.language = Some("en".into());
        Op::TicketCreate(args)
    };
    records
        .run(&ctx("a", Role::Agent, 1, 1), from_page("x:1", "ana"))
        .unwrap();
    let ticket = records.ticket("x:1");
    assert_eq!(ticket.customer.as_deref(), Some("x:ana"));
    assert_eq!(ticket.posted_at, Some(posted));
    assert_eq!(
        ticket.excerpt.as_deref(),
        Some("<b>my order</b> never came")
    );
    assert_eq!(ticket.intent, Some(crate::care::Intent::Complaint));
    assert_eq!(
        ticket.first_response_due,
        Some(posted + 60 * 60_000),
        "the SLA counts from the customer's post"
    );
    let Ok(Some((customer, _))) = records.get::<Customer>("x:ana") else {
        panic!("the customer was created");
    };
    assert_eq!(customer.display_name, "Ana López");
    assert_eq!(customer.identities[0].handle, "ana");
    // The same author again: matched, not created twice.
    records
        .run(&ctx("a", Role::Agent, 2, 2), from_page("x:2", "ana"))
        .unwrap();
    assert_eq!(records.ticket("x:2").customer.as_deref(), Some("x:ana"));
    assert_eq!(
        records.0[&(EntityKind::Customer, "x:ana".to_owned())].version,
        1
    );
}

#[test]
fn items_of_one_conversation_join_its_unresolved_ticket() {
    let mut records = Records::default();
    let reply = |item: &str| Op::TicketCreate(TicketCreate::new(item.parse().unwrap(), "x:100"));
    records
        .run(&ctx("a", Role::Agent, 1, 1), reply("x:100"))
        .unwrap();
    let remark = records
        .run(&ctx("b", Role::Agent, 2, 2), reply("x:101"))
        .unwrap();
    assert_eq!(remark.as_deref(), Some("joined"));
    assert!(!records
        .0
        .contains_key(&(EntityKind::Ticket, "x:101".to_owned())));
    records
        .run(
            &ctx("a", Role::Agent, 3, 3),
            Op::TicketSetStatus(TicketSetStatus {
                item: "x:100".parse().unwrap(),
                status: TicketStatus::Resolved,
                base_version: 1,
            }),
        )
        .unwrap();
    assert_eq!(
        records.run(&ctx("b", Role::Agent, 4, 4), reply("x:102")),
        Ok(None)
    );
    let Ok(Some((conversation, _))) = records.get::<Conversation>("x:100") else {
        panic!("the conversation points at its ticket");
    };
    assert_eq!(conversation.ticket.to_string(), "x:102");
    // Free-form keys only group tickets.
    for item in ["x:7", "x:8"] {
        records
            .run(
                &ctx("a", Role::Agent, 5, 5),
                Op::TicketCreate(TicketCreate::new(item.parse().unwrap(), "c")),
            )
            .unwrap();
        records.ticket(item);
    }
}

#[test]
fn a_reminder_is_set_by_its_agent_cleared_and_a_stale_one_loses() {
    let mut records = Records::default();
    records
        .run(&ctx("a", Role::Agent, 1, 10), create("x:1"))
        .unwrap();
    let remind = |at: Option<i64>, base| {
        Op::TicketRemind(TicketRemind {
            item: "x:1".parse().unwrap(),
            at,
            base_version: base,
        })
    };
    records
        .run(&ctx("a", Role::Agent, 2, 20), remind(Some(1_800_000), 1))
        .unwrap();
    assert_eq!(
        records.ticket("x:1").reminder,
        Some(Reminder {
            at: 1_800_000,
            by: "a".to_owned()
        })
    );
    let stale = records
        .run(&ctx("b", Role::Agent, 3, 15), remind(None, 1))
        .unwrap_err();
    assert_eq!(stale.code, RejectCode::Conflict);
    let bad = records
        .run(&ctx("b", Role::Agent, 4, 30), remind(Some(0), 2))
        .unwrap_err();
    assert_eq!(bad.code, RejectCode::InvalidArgs);
    records
        .run(&ctx("b", Role::Agent, 5, 40), remind(None, 2))
        .unwrap();
    assert_eq!(records.ticket("x:1").reminder, None);
    assert_eq!(
        Op::parse(
            "ticket.remind",
            &serde_json::json!({"item": "x:1", "at": 5, "base_version": 2})
        )
        .unwrap()
        .name(),
        "ticket.remind"
    );
}

#[test]
fn a_rejected_link_is_remembered_once_and_links_nothing() {
    let mut records = Records::default();
    let reject = |id: &str| {
        Op::CustomerRejectLink(CustomerIdentity {
            id: id.into(),
            platform: crate::model::Platform::Instagram,
            handle: "ana.r".into(),
            base_version: 0,
        })
    };
    let rejected = records.run(&ctx("a", Role::Agent, 1, 1), reject("x:ana"));
    assert_eq!(rejected.unwrap_err().code, RejectCode::NotFound);
    records
        .run(
            &ctx("a", Role::Agent, 2, 2),
            Op::CustomerUpsert(CustomerUpsert {
                id: "x:ana".into(),
                display_name: "Ana".into(),
            }),
        )
        .unwrap();
    assert_eq!(
        records.run(&ctx("a", Role::Agent, 3, 3), reject("x:ana")),
        Ok(None)
    );
    assert_eq!(
        records.run(&ctx("b", Role::Agent, 4, 4), reject("x:ana")),
        Ok(Some("unchanged".into()))
    );
    let Ok(Some((customer, _))) = records.get::<Customer>("x:ana") else {
        panic!("the customer exists");
    };
    assert!(customer.identities.is_empty());
    assert_eq!(
        customer.rejected,
        [RejectedIdentity {
            platform: crate::model::Platform::Instagram,
            handle: "ana.r".into()
        }]
    );
}

#[test]
fn a_note_needs_some_text_when_added_and_when_edited() {
    let mut records = Records::default();
    records
        .run(&ctx("a", Role::Agent, 1, 10), create("x:1"))
        .unwrap();
    let add = |body: &str| {
        Op::NoteAdd(NoteAdd {
            id: "n1".to_owned(),
            item: "x:1".parse().unwrap(),
            body: body.to_owned(),
        })
    };
    let edit = |body: &str| {
        Op::NoteEdit(NoteEdit {
            id: "n1".to_owned(),
            body: body.to_owned(),
        })
    };
    for blank in ["", " \n\t "] {
        let refused = records
            .run(&ctx("a", Role::Agent, 2, 20), add(blank))
            .unwrap_err();
        assert_eq!(refused.code, RejectCode::InvalidArgs, "{blank:?}");
    }
    records
        .run(&ctx("a", Role::Agent, 2, 20), add("Called back"))
        .unwrap();
    let refused = records
        .run(&ctx("a", Role::Agent, 3, 30), edit("  "))
        .unwrap_err();
    assert_eq!(refused.code, RejectCode::InvalidArgs);
    records
        .run(&ctx("a", Role::Agent, 3, 30), edit("Called back twice"))
        .unwrap();
    let Ok(note) = records.get::<Note>("n1");
    assert_eq!(note.expect("the note").0.body, "Called back twice");
}
