//! The instance list's columns: which are shown and in what order, as the user arranged them.
//!
//! The arrangement is a preference kept in the browser's `localStorage` as one short line
//! (`name,status,!task,addresses,…`: a leading `!` hides a column). What is read back is
//! treated as untrusted: unknown or repeated names are dropped, missing columns come back in
//! their default place, and the name column can never be hidden (it holds the row's link).

/// One column of the instance list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Id,
    Status,
    Task,
    Addresses,
    Flavor,
    Image,
    KeyPair,
    Zone,
    Created,
}

impl Column {
    /// Every column, in the default order.
    pub const ALL: [Column; 10] = [
        Column::Name,
        Column::Id,
        Column::Status,
        Column::Task,
        Column::Addresses,
        Column::Flavor,
        Column::Image,
        Column::KeyPair,
        Column::Zone,
        Column::Created,
    ];

    /// The stored name, also the column's CSS class suffix (`col-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Id => "id",
            Column::Status => "status",
            Column::Task => "task",
            Column::Addresses => "addresses",
            Column::Flavor => "flavor",
            Column::Image => "image",
            Column::KeyPair => "keypair",
            Column::Zone => "zone",
            Column::Created => "created",
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Shown until the user says otherwise (the id is a click away on the detail page).
    fn shown_by_default(self) -> bool {
        self != Column::Id
    }

    /// Whether the user may hide it.
    pub fn can_hide(self) -> bool {
        self != Column::Name
    }
}

/// The columns in the user's order, each shown or hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnLayout(Vec<(Column, bool)>);

impl Default for ColumnLayout {
    fn default() -> Self {
        ColumnLayout(
            Column::ALL
                .into_iter()
                .map(|c| (c, c.shown_by_default()))
                .collect(),
        )
    }
}

/// A stored line longer than this is not ours: read as the default.
const MAX_STORED_LEN: usize = 256;

impl ColumnLayout {
    /// Reads a stored arrangement, keeping what makes sense of it (see the module's note).
    pub fn parse(stored: &str) -> ColumnLayout {
        if stored.len() > MAX_STORED_LEN {
            return ColumnLayout::default();
        }
        let mut columns: Vec<(Column, bool)> = vec![];
        for item in stored.split(',').map(str::trim) {
            let (key, shown) = match item.strip_prefix('!') {
                Some(key) => (key, false),
                None => (item, true),
            };
            let Some(column) = Column::from_key(key) else {
                continue;
            };
            if columns.iter().all(|(c, _)| *c != column) {
                columns.push((column, shown || !column.can_hide()));
            }
        }
        // A column the stored line does not name (new in this version, or cut out) goes back
        // after its default predecessor.
        for (index, column) in Column::ALL.into_iter().enumerate() {
            if columns.iter().any(|(c, _)| *c == column) {
                continue;
            }
            let after = Column::ALL[..index]
                .iter()
                .rev()
                .find_map(|p| columns.iter().position(|(c, _)| c == p));
            let at = after.map_or(0, |i| i + 1);
            columns.insert(at, (column, column.shown_by_default()));
        }
        ColumnLayout(columns)
    }

    /// The line to store.
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|(c, shown)| {
                if *shown {
                    c.key().to_string()
                } else {
                    format!("!{}", c.key())
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Every column in order, with whether it is shown.
    pub fn all(&self) -> &[(Column, bool)] {
        &self.0
    }

    /// The shown columns, in order.
    pub fn visible(&self) -> Vec<Column> {
        self.0
            .iter()
            .filter(|(_, shown)| *shown)
            .map(|(c, _)| *c)
            .collect()
    }

    /// Shows or hides a column (the name column stays).
    pub fn set_shown(&mut self, column: Column, shown: bool) {
        if let Some(entry) = self.0.iter_mut().find(|(c, _)| *c == column) {
            entry.1 = shown || !column.can_hide();
        }
    }

    /// Moves a column one place earlier (`-1`) or later (`+1`); at an end, nothing happens.
    pub fn shift(&mut self, column: Column, by: isize) {
        let Some(from) = self.0.iter().position(|(c, _)| *c == column) else {
            return;
        };
        let Some(to) = from.checked_add_signed(by).filter(|&to| to < self.0.len()) else {
            return;
        };
        self.0.swap(from, to);
    }

    pub fn position(&self, column: Column) -> Option<usize> {
        self.0.iter().position(|(c, _)| *c == column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_hides_only_the_id_and_survives_a_round_trip() {
        let layout = ColumnLayout::default();
        assert_eq!(
            layout.to_stored(),
            "name,!id,status,task,addresses,flavor,image,keypair,zone,created"
        );
        assert_eq!(ColumnLayout::parse(&layout.to_stored()), layout);
        assert!(!layout.visible().contains(&Column::Id));
        assert_eq!(layout.visible().len(), 9);
    }

    #[test]
    fn a_stored_order_and_hidden_columns_are_kept() {
        let stored = "status,name,!image,id,task,addresses,flavor,keypair,zone,!created";
        let layout = ColumnLayout::parse(stored);
        assert_eq!(layout.to_stored(), stored);
        assert_eq!(
            layout.visible(),
            [
                Column::Status,
                Column::Name,
                Column::Id,
                Column::Task,
                Column::Addresses,
                Column::Flavor,
                Column::KeyPair,
                Column::Zone
            ]
        );
    }

    #[test]
    fn hostile_or_stale_lines_fall_back_to_something_sane() {
        // Unknown names, repeats, markup and an attempt to hide the name column.
        let layout = ColumnLayout::parse("<img src=x>,!name,zone,zone,!zone,status,,!,javascript:");
        assert_eq!(layout.all()[0], (Column::Name, true));
        assert_eq!(layout.all()[2], (Column::Zone, true));
        assert_eq!(layout.all().len(), Column::ALL.len());
        // Every column exactly once.
        for column in Column::ALL {
            assert_eq!(layout.all().iter().filter(|(c, _)| *c == column).count(), 1);
        }
        // Missing columns come back after their default predecessor, shown as by default.
        assert_eq!(
            layout.to_stored(),
            "name,!id,zone,created,status,task,addresses,flavor,image,keypair"
        );
        assert_eq!(ColumnLayout::parse(""), ColumnLayout::default());
        assert_eq!(
            ColumnLayout::parse(&"status,".repeat(100)),
            ColumnLayout::default()
        );
    }

    #[test]
    fn moving_and_hiding_stop_at_the_edges_and_never_hide_the_name() {
        let mut layout = ColumnLayout::default();
        layout.shift(Column::Name, -1);
        assert_eq!(layout.position(Column::Name), Some(0));
        layout.shift(Column::Created, 1);
        assert_eq!(layout.position(Column::Created), Some(9));
        layout.shift(Column::Created, -1);
        assert_eq!(layout.position(Column::Created), Some(8));
        assert_eq!(layout.position(Column::Zone), Some(9));
        layout.set_shown(Column::Name, false);
        assert!(layout.visible().contains(&Column::Name));
        layout.set_shown(Column::Flavor, false);
        assert!(!layout.visible().contains(&Column::Flavor));
        layout.set_shown(Column::Id, true);
        assert!(layout.visible().contains(&Column::Id));
    }
}
