//! The Socialcare extension's WebAssembly: the service-worker engine and the Yew pages.
