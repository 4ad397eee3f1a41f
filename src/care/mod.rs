//! Care signals on top of sentiment (being built; see the open issue on care intelligence).
