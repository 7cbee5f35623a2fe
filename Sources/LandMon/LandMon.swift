// The LandMon module; see ../shared/DESIGN.md (Layout).
