// The HTTP module; see ../shared/DESIGN.md (Layout).
