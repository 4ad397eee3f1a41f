//! The live hub: per-team broadcast of pokes and presence to this process's live clients.
//! Presence lives only here, in memory, and lapses after its TTL.

use crate::metrics::Metrics;
use socialcare::model::ItemKey;
use socialcare::sync::{LiveServerMessage, PresenceEntry, PresenceState};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// Messages a slow live client may fall behind before it is sent a fresh poke instead.
const CHANNEL_CAPACITY: usize = 1_024;

/// A broadcast message, serialised once for every subscriber.
pub type Broadcast = Arc<str>;

struct TeamChannel {
    sender: broadcast::Sender<Broadcast>,
    poked: u64,
    presence: HashMap<(String, ItemKey), PresenceEntry>,
}

/// The live hub of one store process.
pub struct Hub {
    teams: Mutex<HashMap<i64, TeamChannel>>,
    metrics: Arc<Metrics>,
    relay: Mutex<Option<std::sync::mpsc::Sender<(i64, PresenceEntry)>>>,
}

fn encode(message: &LiveServerMessage) -> Broadcast {
    serde_json::to_string(message).unwrap_or_default().into()
}

impl Hub {
    /// An empty hub.
    pub fn new(metrics: Arc<Metrics>) -> Hub {
        Hub {
            teams: Mutex::new(HashMap::new()),
            metrics,
            relay: Mutex::new(None),
        }
    }

    fn with_team<T>(&self, team_id: i64, work: impl FnOnce(&mut TeamChannel) -> T) -> T {
        let mut teams = self
            .teams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let channel = teams.entry(team_id).or_insert_with(|| TeamChannel {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            poked: 0,
            presence: HashMap::new(),
        });
        work(channel)
    }

    /// Subscribes to a team's messages; returns the receiver and the live presence now.
    pub fn subscribe(
        &self,
        team_id: i64,
        now_ms: i64,
    ) -> (broadcast::Receiver<Broadcast>, Vec<PresenceEntry>) {
        self.with_team(team_id, |channel| {
            channel
                .presence
                .retain(|_, entry| entry.expires_at > now_ms);
            (
                channel.sender.subscribe(),
                channel.presence.values().cloned().collect(),
            )
        })
    }

    /// Tells a team's live clients that its version reached `version` (once per version).
    pub fn poke(&self, team_id: i64, version: u64) {
        let mut teams = self
            .teams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Nobody here listens to a team without a channel: nothing to send.
        if let Some(channel) = teams.get_mut(&team_id) {
            if version > channel.poked {
                channel.poked = version;
                let _ = channel
                    .sender
                    .send(encode(&LiveServerMessage::Poke { version }));
                self.metrics.poke();
            }
        }
    }

    /// Sends this process's presence changes on to other processes (PostgreSQL NOTIFY).
    pub fn relay_presence_to(&self, relay: std::sync::mpsc::Sender<(i64, PresenceEntry)>) {
        *self
            .relay
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(relay);
    }

    fn relay(&self, team_id: i64, entry: &PresenceEntry) {
        if let Some(relay) = self
            .relay
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
        {
            let _ = relay.send((team_id, entry.clone()));
        }
    }

    /// Records and broadcasts presence a live client of this process sent.
    pub fn presence(&self, team_id: i64, entry: PresenceEntry) {
        self.relay(team_id, &entry);
        self.remote_presence(team_id, entry);
    }

    /// Records and broadcasts presence relayed from another process.
    pub fn remote_presence(&self, team_id: i64, entry: PresenceEntry) {
        self.with_team(team_id, |channel| {
            let key = (entry.agent_id.clone(), entry.item.clone());
            if entry.state == PresenceState::Left {
                channel.presence.remove(&key);
            } else {
                channel.presence.insert(key, entry.clone());
            }
            let _ = channel
                .sender
                .send(encode(&LiveServerMessage::Presence(entry)));
        });
    }

    /// Withdraws an agent's presence (its live connection closed) and tells the team.
    pub fn forget_agent(&self, team_id: i64, agent_id: &str, now_ms: i64) {
        let gone: Vec<PresenceEntry> = self.with_team(team_id, |channel| {
            channel
                .presence
                .values()
                .filter(|entry| entry.agent_id == agent_id)
                .map(|entry| PresenceEntry {
                    state: PresenceState::Left,
                    expires_at: now_ms,
                    ..entry.clone()
                })
                .collect()
        });
        for entry in gone {
            self.presence(team_id, entry);
        }
    }

    /// The teams with live clients here and the last version poked to each.
    pub fn watched_teams(&self) -> Vec<(i64, u64)> {
        let mut teams = self
            .teams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        teams.retain(|_, channel| {
            channel.sender.receiver_count() > 0 || !channel.presence.is_empty()
        });
        teams
            .iter()
            .map(|(team_id, channel)| (*team_id, channel.poked))
            .collect()
    }
}
