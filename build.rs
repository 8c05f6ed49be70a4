//! For a Windows build only: puts the icon and the version details (name, version, description,
//! shown in the file's Properties and in Task Manager) into `common-ground.exe`, which Explorer, the Start menu and
//! the task bar show. Other builds do nothing here.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/common-ground.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    // The file description is the name Task Manager shows for the running program.
    resource
        .set_icon("assets/icon/common-ground.ico")
        .set("ProductName", "Common Ground")
        .set("FileDescription", "Common Ground");
    if let Err(error) = resource.compile() {
        // Cross-building from Linux needs the MinGW resource compiler (x86_64-w64-mingw32-windres,
        // in Debian's binutils-mingw-w64-x86-64, which gcc-mingw-w64-x86-64 brings).
        eprintln!("Couldn't put the icon into the Windows program: {error}");
        std::process::exit(1);
    }
}
