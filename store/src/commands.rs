//! The administrative subcommands: teams, tokens, backup, export, import and reports.

use crate::cli::{ReportArgs, ReportFormat, TeamCommand, TokenCommand};
use crate::engine::{self, NewMember};
use crate::metrics::Metrics;
use crate::storage::{DatabaseUrl, Storage};
use socialcare::model::Role;
use socialcare::sync::{EntityKind, MAX_PULL_LIMIT};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn open(url: &DatabaseUrl) -> anyhow::Result<Storage> {
    Ok(Storage::open(
        url,
        Arc::new(Metrics::default()),
        Arc::new(|_, _| {}),
    )?)
}

async fn close(storage: Storage) -> anyhow::Result<()> {
    tokio::task::spawn_blocking(move || storage.close()).await?;
    Ok(())
}

/// `team create` and `team list`.
pub async fn team(url: &DatabaseUrl, command: TeamCommand) -> anyhow::Result<()> {
    let storage = open(url)?;
    match command {
        TeamCommand::Create {
            name,
            admin_name,
            admin_initials,
        } => {
            let admin = NewMember {
                name: admin_name,
                initials: admin_initials,
                role: Role::Admin,
            };
            let now = engine::now_ms();
            let issued = storage
                .write(None, move |tx| engine::create_team(tx, &name, &admin, now))
                .await?;
            println!(
                "team {} created; its first admin token (shown once, keep it safe):",
                issued.team
            );
            println!("{}", issued.token);
            eprintln!("next: socialcare-store token issue --team {} --name \"Kim Lee\" --initials KL --role agent", issued.team);
        }
        TeamCommand::List => {
            for team in storage.read(|tx| tx.teams()).await? {
                println!("{}\tversion {}", team.name, team.version);
            }
        }
    }
    close(storage).await
}

/// `token issue`, `token revoke` and `token list`.
pub async fn token(url: &DatabaseUrl, command: TokenCommand) -> anyhow::Result<()> {
    let storage = open(url)?;
    let now = engine::now_ms();
    match command {
        TokenCommand::Issue {
            team,
            name,
            initials,
            role,
        } => {
            let member = NewMember {
                name,
                initials,
                role,
            };
            let issued = storage
                .write(None, move |tx| {
                    let team_id = engine::team_id(tx, &team)?;
                    engine::issue_token(tx, team_id, &team, "_cli", &member, now)
                })
                .await?;
            println!(
                "token {} for {} ({}) issued; shown once:",
                issued.token_id, issued.agent_id, issued.role
            );
            println!("{}", issued.token);
        }
        TokenCommand::Revoke { team, token_id } => {
            let revoked = token_id.clone();
            storage
                .write(None, move |tx| {
                    let team_id = engine::team_id(tx, &team)?;
                    engine::revoke_token(tx, team_id, "_cli", &token_id, now)
                })
                .await?;
            println!("token {revoked} revoked");
        }
        TokenCommand::List { team } => {
            let tokens = storage
                .read(move |tx| {
                    let team_id = engine::team_id(tx, &team)?;
                    engine::list_tokens(tx, team_id)
                })
                .await?;
            println!("TOKEN ID\tAGENT\tROLE\tINITIALS\tNAME\tSTATUS");
            for token in tokens {
                let status = if token.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    token.token_id, token.agent_id, token.role, token.initials, token.name, status
                );
            }
        }
    }
    close(storage).await
}

/// `backup PATH`.
pub async fn backup(url: &DatabaseUrl, path: PathBuf) -> anyhow::Result<()> {
    let storage = open(url)?;
    storage.backup(path.clone()).await?;
    println!("backed up to {}", path.display());
    close(storage).await
}

/// `export --team NAME`: JSON lines of the team, its records and its audit log, from one snapshot.
pub async fn export(url: &DatabaseUrl, team: &str) -> anyhow::Result<()> {
    let storage = open(url)?;
    let team = team.to_owned();
    let (tx_lines, mut lines) = tokio::sync::mpsc::channel::<String>(1_024);
    let writer = tokio::spawn(async move {
        let mut out = std::io::BufWriter::new(std::io::stdout());
        while let Some(line) = lines.recv().await {
            writeln!(out, "{line}")?;
        }
        out.flush()
    });
    storage
        .read(move |tx| {
            let row = tx.team_by_name(&team)?.ok_or_else(|| crate::error::StoreError::not_found(format!("no team named {team}")))?;
            let send = |line: serde_json::Value| {
                let _ = tx_lines.blocking_send(line.to_string());
            };
            send(serde_json::json!({ "type": "team", "name": row.name, "version": row.version }));
            let mut after = 0;
            loop {
                let page = engine::changes_page(tx, row.team_id, after, MAX_PULL_LIMIT, row.version)?;
                for record in page.rows {
                    let body: serde_json::Value = serde_json::from_str(&record.body)?;
                    send(serde_json::json!({ "type": "record", "kind": record.kind, "id": record.id, "version": record.version, "body": body }));
                }
                if !page.more {
                    break;
                }
                after = page.upto;
            }
            for guideline in tx.entities_of(row.team_id, EntityKind::Guideline)? {
                for revision in tx.guideline_revisions(row.team_id, &guideline.id)?.into_iter().rev() {
                    send(serde_json::json!({ "type": "guideline_revision", "guideline_id": revision.guideline_id,
                        "revision": revision.revision, "saved_by": revision.saved_by, "saved_at": revision.saved_at,
                        "format": revision.format, "source": revision.source }));
                }
            }
            let mut after = 0;
            loop {
                let page = tx.log(row.team_id, after, MAX_PULL_LIMIT)?;
                let Some(last) = page.last() else { break };
                after = last.version;
                for entry in engine::audit_entries(page) {
                    send(serde_json::json!({ "type": "audit", "entry": entry }));
                }
            }
            Ok(())
        })
        .await?;
    writer.await??;
    close(storage).await
}

/// `import [--team NAME] FILE`: an export loaded into a new team, in one transaction.
pub async fn import(url: &DatabaseUrl, team: Option<String>, file: &Path) -> anyhow::Result<()> {
    let export = if file == Path::new("-") {
        crate::import::Export::read(std::io::stdin().lock())?
    } else {
        let input = std::fs::File::open(file)
            .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", file.display()))?;
        crate::import::Export::read(std::io::BufReader::new(input))?
    };
    let name = team.unwrap_or_else(|| export.name.clone());
    let (records, entries) = export.counts();
    let storage = open(url)?;
    let now = engine::now_ms();
    let target = name.clone();
    let imported = storage
        .write(None, move |tx| {
            crate::import::import(tx, &target, &export, now)
        })
        .await;
    close(storage).await?;
    imported?;
    println!("team {name} imported: {records} records, {entries} log entries");
    eprintln!("tokens are never exported: issue new ones with `socialcare-store token issue --team {name} …`");
    Ok(())
}

/// `report --team NAME --from … --to … [--tz …] [--format json|csv] [--ideas]`.
pub async fn report(url: &DatabaseUrl, args: ReportArgs) -> anyhow::Result<()> {
    let period = crate::report::Period::parse(Some(&args.from), Some(&args.to), Some(&args.tz))?;
    let storage = open(url)?;
    let now = engine::now_ms();
    let team = args.team;
    let (ideas, format) = (args.ideas, args.format);
    let printed = storage
        .read(move |tx| {
            let team_id = engine::team_id(tx, &team)?;
            if ideas {
                let report = crate::idea_report::ideas(tx, team_id, &period)?;
                return match format {
                    ReportFormat::Json => Ok(serde_json::to_string_pretty(&report)? + "\n"),
                    ReportFormat::Csv => Ok(socialcare::ideas::to_csv(&report)),
                };
            }
            let data = crate::report::load(tx, team_id)?;
            let report = crate::report::compute(&team, &data, &period, now);
            match format {
                ReportFormat::Json => Ok(serde_json::to_string_pretty(&report)? + "\n"),
                ReportFormat::Csv => crate::report::to_csv(&report),
            }
        })
        .await;
    close(storage).await?;
    print!("{}", printed?);
    Ok(())
}
