//! The end-to-end tests: the built console in headless Chromium against the simulator (and
//! through nginx). One binary, so the files share one build and their tests run side by side.

mod instance_ui;
mod keypair_ui;

mod accessibility;
mod chaos;
mod connect;
mod create_instance;
mod deploy_settings;
mod embedding;
mod export;
mod failures;
mod hostile_data;
mod instances;
mod keypair_local;
mod keypairs;
mod large_tenant;
mod launch_like;
mod lazy_routes;
mod names;
mod nginx_origin;
mod origin_boundary;
mod owned_tasks;
mod palette;
mod phone;
mod sessions;
mod sign_in;
