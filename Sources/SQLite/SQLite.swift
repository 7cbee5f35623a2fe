// The SQLite module; see ../shared/DESIGN.md (Layout).
