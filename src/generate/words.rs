//! The vocabulary generated records are made of (multilingual on purpose).

pub(super) const FIRST: &[&str] = &[
    "Anna", "José", "Zoë", "Łukasz", "Søren", "Amélie", "Mehmet", "Ngozi", "Yuki", "Olga", "Kwame",
    "Priya", "Tomás", "Ingrid", "Chen", "Fatima", "Dmitri", "Aoife", "Rafael", "Leilani",
];
pub(super) const LAST: &[&str] = &[
    "Nakamura",
    "Müller",
    "García",
    "Kowalski",
    "O'Brien",
    "Nguyen",
    "Haddad",
    "Okafor",
    "Ivanova",
    "Sørensen",
    "Dubois",
    "Rossi",
    "Papadopoulos",
    "Şahin",
    "Lindqvist",
    "Singh",
];
pub(super) const GROUPS: &[&str] = &[
    "US officials",
    "European diplomats",
    "Senior military sources",
    "Western intelligence officials",
    "Local residents",
    "Industry insiders",
];
pub(super) const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Süddeutsche Rundschau",
    "Le Monde Éclairé",
    "Новая газета Online",
    "Asahi Evening",
    "Gazeta Wyborcza Plus",
    "The Wire Report",
    "El País Semanal",
    "Reuters-like Wire",
    "Al Noticias",
    "Corriere Serale",
    "Nordic Times",
];
pub(super) const SUBJECTS: &[&str] = &[
    "the central bank",
    "the ruling coalition",
    "the ceasefire",
    "the summit",
    "the grain deal",
    "the opposition leader",
    "the pipeline",
    "the election",
    "the sanctions package",
    "the army",
    "the president",
    "the trade talks",
    "the referendum",
    "the stock index",
    "the northern province",
];
pub(super) const PREDICATES: &[&str] = &[
    "will collapse",
    "will be signed",
    "will be postponed",
    "will hold",
    "will raise rates",
    "will win a majority",
    "will resign",
    "will be extended",
    "will fail",
    "will reopen",
];
pub(super) const FACTS: &[&str] = &[
    "met in secret",
    "received foreign funding",
    "was hacked",
    "lost its majority",
    "moved troops to the border",
    "cancelled the contract",
    "falsified the figures",
    "paid the ransom",
];
pub(super) const ASSESSMENTS: &[&str] = &[
    "is weaker than it looks",
    "has nothing to fear",
    "is losing public support",
    "is preparing a show of strength",
    "is running out of options",
    "is in dire need of allies",
];
pub(super) const TAGS: &[&str] = &[
    "elections",
    "sanctions",
    "energy",
    "security",
    "economy",
    "diplomacy",
    "Ukraine",
    "Kraków",
    "São Paulo",
    "Zürich",
    "migration",
    "climate",
    "health",
    "defence",
    "technology",
    "trade",
];
pub(super) const HEDGES: &[&str] = &[
    "likely",
    "unlikely",
    "almost certain",
    "probably not",
    "chances about even",
];
pub(super) const STATUSES: &[(&str, u64)] = &[
    ("confirmed", 30),
    ("mostly_true", 15),
    ("mixed", 10),
    ("misleading", 10),
    ("refuted", 30),
    ("unverifiable", 5),
];
/// Attributions, direct quotes twice as likely as the others.
pub(super) const ATTRIBUTIONS: &[&str] =
    &["direct", "direct", "paraphrase", "reported", "unattributed"];
