//! Everything that touches files: the workshop file format, atomic saves, the data folder,
//! crash recovery and the recent-files list.

mod atomic;
mod data_dir;
mod error;
mod format;
mod lock;
mod recent;
mod recovery;

pub use atomic::{backup_path, write_atomically, write_atomically_without_backup};
pub use data_dir::{DataDir, absolute};
pub use error::{LoadError, LoadProblem, SaveError};
pub use format::{
    CURRENT_FORMAT_VERSION, MAX_FILE_BYTES, Workshop, compact_file_size, load_session, parse_session, read_workshop,
    save_session, session_to_ron,
};
pub use lock::{
    FileStamp, LockRefused, WorkshopLock, is_open_elsewhere, lock_path, remove_leftovers_in_folder, remove_leftovers_of,
};
pub use recent::{RecentFile, RecentFiles};
pub use recovery::{RecoveryJournal, UnclosedSession};
