//! Connecting: the URL, TLS for hosted servers, the pool, and errors a person can act on.

use crate::error_map::{map_error, map_pool_error};
use koda_core::{StoreError, StoreResult};
use postgres::config::SslMode;
use postgres::Config;
use r2d2_postgres::PostgresConnectionManager;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The pool type the store uses.
pub type PgPool = r2d2::Pool<PostgresConnectionManager<MakeRustlsConnect>>;

/// Where and how to connect.
#[derive(Clone)]
pub struct PgTarget {
    pub(crate) config: Config,
    pub(crate) tls: MakeRustlsConnect,
    /// The schema Koda's tables live in (`public` unless set).
    pub(crate) schema: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The config holds the password: show only what identifies the server.
        f.debug_struct("PgTarget")
            .field("hosts", &self.config.get_hosts())
            .field("dbname", &self.config.get_dbname())
            .field("schema", &self.schema)
            .finish()
    }
}

impl PgTarget {
    /// Reads a `postgres://user:pass@host:port/db?sslmode=require` URL (or a key=value string).
    /// `sslrootcert=FILE` adds a PEM certificate authority (Supabase publishes its own); hosted
    /// servers are otherwise checked against the usual web roots. `schema` places Koda's tables
    /// in their own schema on a shared database.
    pub fn parse(url: &str, schema: Option<&str>) -> StoreResult<Self> {
        let (url, root_cert) = take_query_param(url.trim(), "sslrootcert");
        let (url, ssl_mode) = take_query_param(&url, "sslmode");
        // libpq's meanings: `prefer` and `require` encrypt without checking the certificate
        // (local servers often have a self-signed one), unless a certificate authority is
        // given; `verify-ca` and `verify-full` check it against the web's roots and
        // `sslrootcert`. The driver knows only disable/prefer/require. With no sslmode, a server
        // on this computer gets `prefer`; any other must encrypt with a certificate that checks
        // out (below): a password must not cross a network in clear or to an impostor.
        let (driver_mode, verify) = match ssl_mode.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("prefer") | Some("allow") => ("prefer", root_cert.is_some()),
            Some("require") => ("require", root_cert.is_some()),
            Some("verify-ca") | Some("verify-full") => ("require", true),
            Some("disable") => ("disable", false),
            Some(other) => {
                return Err(StoreError::Config(format!(
                    "sslmode '{other}' is not known; use disable, prefer, require, verify-ca or verify-full"
                )))
            }
        };
        let url = if url.contains("://") {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}sslmode={driver_mode}")
        } else {
            format!("{url} sslmode={driver_mode}")
        };
        let mut config: Config = url.parse().map_err(|error: postgres::Error| {
            StoreError::Config(format!("the PostgreSQL URL is not valid: {error}"))
        })?;
        let verify = if ssl_mode.is_none() && !all_hosts_local(&config) {
            config.ssl_mode(SslMode::Require);
            true
        } else {
            verify
        };
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        if config.get_application_name().is_none() {
            config.application_name("koda");
        }
        let schema = schema.unwrap_or("public").to_owned();
        if schema.is_empty()
            || schema.len() > 40
            || !schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(StoreError::Config(format!(
                "schema '{schema}' must be 1-40 lowercase letters, digits or underscores"
            )));
        }
        config.options(&format!("-c search_path={schema}"));
        let tls = MakeRustlsConnect::new(tls_config(verify, root_cert.as_deref())?);
        Ok(Self {
            config,
            tls,
            schema,
        })
    }

    /// Whether TLS is required by the URL (`sslmode=require`).
    pub fn requires_tls(&self) -> bool {
        self.config.get_ssl_mode() == SslMode::Require
    }

    /// The schema Koda's tables live in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// One connection, outside the pool (migrations, the change listener).
    pub fn connect(&self) -> StoreResult<postgres::Client> {
        self.config.connect(self.tls.clone()).map_err(map_error)
    }

    /// Like [`Self::connect`], naming the connection in `pg_stat_activity`.
    pub fn connect_named(&self, application_name: &str) -> StoreResult<postgres::Client> {
        let mut config = self.config.clone();
        config.application_name(application_name);
        config.connect(self.tls.clone()).map_err(map_error)
    }

    /// A pool of up to `size` connections, created as needed.
    pub fn pool(&self, size: u32) -> StoreResult<PgPool> {
        let manager = PostgresConnectionManager::new(self.config.clone(), self.tls.clone());
        r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .map_err(map_pool_error)
    }
}

/// Whether every host is this computer (a loopback address, `localhost` or a Unix socket).
fn all_hosts_local(config: &Config) -> bool {
    config.get_hosts().iter().all(|host| match host {
        postgres::config::Host::Tcp(name) => {
            name == "localhost"
                || name
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        postgres::config::Host::Unix(_) => true,
    })
}

/// TLS settings: with `verify`, the web's root authorities plus `extra_root` when given;
/// without, any certificate (encryption against passive listeners, as libpq's `require`).
fn tls_config(verify: bool, extra_root: Option<&str>) -> StoreResult<rustls::ClientConfig> {
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = extra_root {
        let certificates = CertificateDer::pem_file_iter(path)
            .map_err(|error| StoreError::Config(format!("sslrootcert '{path}': {error}")))?;
        for certificate in certificates {
            let certificate = certificate
                .map_err(|error| StoreError::Config(format!("sslrootcert '{path}': {error}")))?;
            roots
                .add(certificate)
                .map_err(|error| StoreError::Config(format!("sslrootcert '{path}': {error}")))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|error| StoreError::Config(format!("TLS setup failed: {error}")))?;
    if verify {
        return Ok(builder.with_root_certificates(roots).with_no_client_auth());
    }
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(crate::tls::AnyCertificate::new(provider)))
        .with_no_client_auth())
}

/// Removes `name=value` from a URL's query (the driver rejects parameters it does not know).
fn take_query_param(url: &str, name: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_owned(), None);
    };
    let mut value = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.split_once('=') {
            Some((key, v)) if key == name => {
                value = Some(v.to_owned());
                false
            }
            _ => true,
        })
        .collect();
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, value)
}

/// The URL with its password replaced by `***`, for logs and the UI.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return if url.contains("password") {
            "(connection string hidden)".into()
        } else {
            url.to_owned()
        };
    };
    // The driver reads the password up to the last `@` before the query, so a password may
    // hold `/`, `:` or `@`: the host starts after that `@`, and the path after the host.
    let before_query = rest.split('?').next().unwrap_or(rest);
    let (credentials, after) = match before_query.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let (host, tail) = match after.find(['/', '?']) {
        Some(index) => after.split_at(index),
        None => (after, ""),
    };
    let authority = match credentials {
        Some(credentials) => match credentials.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{credentials}@{host}"),
        },
        None => host.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(
            redact_url("postgres://ann:s3cret@db.example:5432/koda?sslmode=require"),
            "postgres://ann:***@db.example:5432/koda?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://db.example/koda?user=ann&password=s3cret"),
            "postgres://db.example/koda?user=ann&password=***"
        );
        assert_eq!(
            redact_url("host=db password=s3cret"),
            "(connection string hidden)"
        );
    }

    #[test]
    fn passwords_with_slashes_colons_and_ats_are_hidden_whole() {
        for (url, shown) in [
            ("postgres://ann:pa/ss@db/koda", "postgres://ann:***@db/koda"),
            (
                "postgres://ann:pa/ss@w:rd@127.0.0.1:9/koda",
                "postgres://ann:***@127.0.0.1:9/koda",
            ),
            (
                "postgres://ann:p@ss@db?sslmode=require",
                "postgres://ann:***@db?sslmode=require",
            ),
        ] {
            let redacted = redact_url(url);
            assert_eq!(redacted, shown);
            assert!(
                !redacted.contains("pa/ss")
                    && !redacted.contains("rd@")
                    && !redacted.contains("p@ss")
            );
        }
    }

    #[test]
    fn remote_servers_must_encrypt_by_default_and_local_ones_may_not() {
        let remote = PgTarget::parse("postgres://u:p@db.example.com/db", None).unwrap();
        assert!(
            remote.requires_tls(),
            "no sslmode on a remote host means require"
        );
        let local = PgTarget::parse("postgres://u:p@127.0.0.1:5432/db", None).unwrap();
        assert!(!local.requires_tls());
        let local = PgTarget::parse("postgres://u:p@localhost/db", None).unwrap();
        assert!(!local.requires_tls());
        let chosen =
            PgTarget::parse("postgres://u:p@db.example.com/db?sslmode=disable", None).unwrap();
        assert!(!chosen.requires_tls(), "an explicit sslmode is respected");
    }

    #[test]
    fn reads_sslmode_and_strips_sslrootcert() {
        let target = PgTarget::parse("postgres://u:p@h/db?sslmode=require", None).unwrap();
        assert!(target.requires_tls());
        assert!(
            PgTarget::parse("postgres://u:p@h/db?sslmode=verify-full", None)
                .unwrap()
                .requires_tls()
        );
        assert!(!PgTarget::parse("postgres://u:p@h/db?sslmode=prefer", None)
            .unwrap()
            .requires_tls());
        assert_eq!(
            PgTarget::parse("postgres://h/db?sslmode=sometimes", None)
                .unwrap_err()
                .code(),
            "config"
        );
        let (url, cert) = take_query_param(
            "postgres://h/db?sslrootcert=/a.pem&sslmode=require",
            "sslrootcert",
        );
        assert_eq!(
            (url.as_str(), cert.as_deref()),
            ("postgres://h/db?sslmode=require", Some("/a.pem"))
        );
    }

    #[test]
    fn bad_urls_and_schemas_are_config_errors_without_the_password() {
        let error = PgTarget::parse("postgres://u:s3cret@h:notaport/db", None).unwrap_err();
        assert_eq!(error.code(), "config");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        let error = PgTarget::parse("postgres://h/db", Some("Robert'); DROP")).unwrap_err();
        assert_eq!(error.code(), "config");
    }
}
