//! The courses built into the binary, for a laptop that has only the program.
