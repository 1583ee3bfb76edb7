// What omneo-run keeps on disk holds customer data (emails, ids, statuses): every such file is created
// readable by its owner only (0600), in folders only its owner can enter (0700), whatever the umask.
public import Foundation

public enum PrivateFiles {
    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Creates `folder` and any missing parents as 0700. `tighten`: an existing folder (omneo-run's own,
    /// such as the state folder) is set to 0700 too; a folder the user made is left as it is.
    public static func folder(_ folder: String, tighten: Bool) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
            if tighten { chmod(folder, folderMode) }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try Self.folder(parent, tighten: false) }
        guard mkdir(folder, folderMode) == 0 || errno == EEXIST else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        chmod(folder, folderMode)  // mkdir's mode passes through the umask
    }

    /// Opens `path` for writing, truncated, created 0600 (an existing file is set to 0600 as well).
    /// Returns the descriptor, or -1 with errno set.
    public static func create(_ path: String) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
        if descriptor >= 0 { fchmod(descriptor, fileMode) }
        return descriptor
    }

    /// Makes sure `path` exists as a 0600 file without truncating it (SQLite gives its -wal and -shm files
    /// the mode of the database file, so the mode is set before SQLite first opens it).
    public static func touch(_ path: String) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
        if descriptor >= 0 {
            fchmod(descriptor, fileMode)
            close(descriptor)
        }
        for companion in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            chmod(companion, fileMode)
        }
    }
}
