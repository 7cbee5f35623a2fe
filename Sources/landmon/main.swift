import LandMon
// The executable: command-line parsing and nothing else.

