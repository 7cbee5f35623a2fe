// The Assessments module; see ../shared/DESIGN.md (Layout).
