fn main() {
    // Migrations are embedded with `embed_migrations!`; rebuild when one changes.
    println!("cargo:rerun-if-changed=migrations");
}
