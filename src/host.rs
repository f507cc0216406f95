//! The name of this computer, recorded with each version and in lock files. A leaf module:
//! the store (lock files) and the engine (versions) both need it.

/// The name of this computer.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}
