//! The contract checker lives in the emulator's library, which checks requests with it too.
pub use runai_emulator::contract::contract;
