//! A small synchronous client for S3-compatible object stores (Garage, MinIO, AWS, Backblaze
//! B2, Wasabi), for company storage: the second copy of an encrypted profile on the company's
//! own server.
//!
//! Requests are signed by `rusty-s3` (AWS Signature V4, as presigned URLs whose signed headers
//! include the SHA-256 checksum) and sent by `ureq`, both synchronous, so the engine's threads
//! need no async runtime. Every upload carries `x-amz-checksum-sha256`, so the server refuses
//! a body that arrived damaged, and is then confirmed: by the checksum the server gives back
//! for a single-part object, or by reading the whole object back when it went up in parts.
//!
//! Object keys are the caller's business; this module knows buckets, keys and bytes, nothing
//! of profiles. Every failure is an [`S3Error`] naming the server or bucket and the next step.

mod error;
pub mod secret;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use rusty_s3::actions::{CompleteMultipartUpload, CreateMultipartUpload, ListObjectsV2};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use sha2::{Digest as _, Sha256};

use crate::copy::{self, CopyError};
use crate::progress::{Cancelled, Progress, ProgressEvent};
pub use error::S3Error;

/// Objects larger than this go up in parts, so a dropped connection costs one part, not the
/// whole file, and no single request has to carry a huge body.
pub const MULTIPART_ABOVE: u64 = 32 * 1024 * 1024;
/// The size of each part but the last.
pub const PART_SIZE: usize = 16 * 1024 * 1024;
/// How long a signed request stays valid. Long on purpose: a request is sent at once, and a
/// PC clock that runs hours behind must not make every request "expired" on the server.
const SIGNATURE_VALID: Duration = Duration::from_secs(7 * 24 * 3600);
/// Tries per request when the connection fails or the server says it is busy.
const TRIES: u32 = 3;
/// Notes multipart uploads while they are under way. An upload begun by a run that was then
/// killed leaves its parts on the server, where they take space (and quota) until aborted; the
/// note lets the next run abort exactly those, and no upload another run may have under way.
pub trait UploadJournal {
    /// The multipart upload `upload_id` of `key` has begun (noted before any part is sent).
    fn started(&self, key: &str, upload_id: &str);
    /// It was completed or aborted: nothing of it is left on the server.
    fn ended(&self, key: &str, upload_id: &str);
    /// The uploads noted as begun and never ended, as `(key, upload_id)`.
    fn unfinished(&self) -> Vec<(String, String)>;
}

/// For uploads nobody needs to note.
pub struct NoJournal;

impl UploadJournal for NoJournal {
    fn started(&self, _: &str, _: &str) {}
    fn ended(&self, _: &str, _: &str) {}
    fn unfinished(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// The largest small object (catalog, sums, key) read into memory.
pub const SMALL_OBJECT_LIMIT: u64 = 64 * 1024 * 1024;

/// Where a bucket is and who asks: everything but the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// `http(s)://host:port`, possibly with a path prefix, without the bucket.
    pub endpoint: String,
    pub bucket: String,
    /// The region requests are signed for (`garage` for Garage's default).
    pub region: String,
    /// The access key id (`GK…` on Garage).
    pub key_id: String,
}

/// One object of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub key: String,
    pub size: u64,
    /// When the server stored it, as the server wrote it (RFC 3339).
    pub last_modified: String,
}

/// What a HEAD request tells about an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub size: u64,
    /// The whole object's SHA-256 (hex), when the server keeps it: objects put in one piece
    /// with a checksum. `None` for multipart objects and servers without checksums.
    pub sha256: Option<String>,
}

/// What a listing under a prefix found: objects and, with a delimiter, the "folders" below.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub objects: Vec<Object>,
    pub prefixes: Vec<String>,
}

/// A connection to one bucket with one key.
pub struct Client {
    server: Server,
    bucket: Bucket,
    credentials: Credentials,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("Client")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// A response as this module needs it: status, a few headers, the body for errors.
struct Reply {
    status: u16,
    date: Option<String>,
    body: ureq::Body,
    headers: ureq::http::HeaderMap,
}

impl Client {
    /// A client for `server` with `secret`. Only checks the address; nothing is sent.
    pub fn new(server: &Server, secret: &str) -> Result<Client, S3Error> {
        let bad = || S3Error::BadAddress {
            address: server.endpoint.clone(),
        };
        let endpoint: url::Url = server.endpoint.parse().map_err(|_| bad())?;
        let bucket =
            Bucket::new(endpoint, UrlStyle::Path, server.bucket.clone(), server.region.clone()).map_err(|_| bad())?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(15)))
            // A frozen node of a cluster can hold a request for Garage's RPC timeout (300 s);
            // a read that stalls longer than that is a dead connection.
            .timeout_per_read(Some(Duration::from_secs(330)))
            .timeout_per_write(Some(Duration::from_secs(330)))
            .build()
            .new_agent();
        Ok(Client {
            server: server.clone(),
            bucket,
            credentials: Credentials::new(server.key_id.clone(), secret.to_string()),
            agent,
        })
    }

    /// The server and bucket, for messages.
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// Checks that the bucket exists and the key may list it.
    pub fn check(&self) -> Result<(), S3Error> {
        self.list_page("", None, None, Some(1)).map(|_| ())
    }

    /// Every object under `prefix` (all pages). With `folders`, objects below a further `/`
    /// are summarised as prefixes instead.
    pub fn list(&self, prefix: &str, folders: bool) -> Result<Listing, S3Error> {
        let mut listing = Listing::default();
        let mut token: Option<String> = None;
        loop {
            let page = self.list_page(prefix, folders.then_some("/"), token.as_deref(), None)?;
            listing.objects.extend(page.contents.into_iter().map(|o| Object {
                key: url_decoded(&o.key),
                size: o.size,
                last_modified: o.last_modified,
            }));
            listing
                .prefixes
                .extend(page.common_prefixes.into_iter().map(|p| url_decoded(&p.prefix)));
            match page.next_continuation_token {
                Some(next) if Some(&next) != token.as_ref() => token = Some(next),
                _ => return Ok(listing),
            }
        }
    }

    fn list_page(
        &self,
        prefix: &str,
        delimiter: Option<&str>,
        token: Option<&str>,
        max: Option<usize>,
    ) -> Result<rusty_s3::actions::ListObjectsV2Response, S3Error> {
        let mut action = ListObjectsV2::new(&self.bucket, Some(&self.credentials));
        if !prefix.is_empty() {
            action.with_prefix(prefix.to_string());
        }
        if let Some(d) = delimiter {
            action.with_delimiter(d.to_string());
        }
        if let Some(t) = token {
            action.with_continuation_token(t.to_string());
        }
        if let Some(m) = max {
            action.with_max_keys(m);
        }
        let url = action.sign(SIGNATURE_VALID);
        let mut reply = self.send(prefix, || self.agent.get(url.as_str()).call())?;
        let text = read_text(&mut reply.body, &self.server)?;
        ListObjectsV2::parse_response(&text).map_err(|_| S3Error::Garbled {
            server: self.server.endpoint.clone(),
        })
    }

    /// The object's size and, when the server keeps it, its SHA-256; `None` when absent.
    pub fn head(&self, key: &str) -> Result<Option<Head>, S3Error> {
        let mut action = self.bucket.head_object(Some(&self.credentials), key);
        action.headers_mut().insert("x-amz-checksum-mode", "ENABLED");
        let url = action.sign(SIGNATURE_VALID);
        let reply = match self.send(key, || {
            self.agent
                .head(url.as_str())
                .header("x-amz-checksum-mode", "ENABLED")
                .call()
        }) {
            Ok(r) => r,
            Err(S3Error::NoSuchObject { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let header = |name: &str| {
            reply
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let size = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let sha256 = header("x-amz-checksum-sha256").and_then(|b64| base64_to_hex(&b64));
        Ok(Some(Head { size, sha256 }))
    }

    /// A GET of `key`; `None` when the object is absent.
    fn get(&self, key: &str) -> Result<Option<Reply>, S3Error> {
        let url = self
            .bucket
            .get_object(Some(&self.credentials), key)
            .sign(SIGNATURE_VALID);
        match self.send(key, || self.agent.get(url.as_str()).call()) {
            Ok(r) => Ok(Some(r)),
            Err(S3Error::NoSuchObject { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A small object whole (at most [`SMALL_OBJECT_LIMIT`] bytes); `None` when absent.
    pub fn get_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, S3Error> {
        let Some(mut reply) = self.get(key)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        reply
            .body
            .as_reader()
            .take(SMALL_OBJECT_LIMIT)
            .read_to_end(&mut bytes)
            .map_err(|e| self.unreachable(&e))?;
        Ok(Some(bytes))
    }

    /// Downloads `key` into the new file `path` (created, never overwritten), hashing it on
    /// the way, and flushes it. Returns its SHA-256 (hex) and size; `None` when the object is
    /// absent.
    pub fn get_to_file(
        &self,
        key: &str,
        path: &Path,
        progress: &dyn Progress,
    ) -> Result<Option<(String, u64)>, S3Error> {
        let Some(mut reply) = self.get(key)? else {
            return Ok(None);
        };
        let total = reply.body.content_length().unwrap_or(0);
        let local = |source: io::Error| S3Error::Local {
            path: path.to_path_buf(),
            source,
        };
        let reader = reply.body.with_config().limit(u64::MAX).reader();
        let (digested, file) = copy::copy_reader(reader, total, path, path, progress).map_err(|e| match e {
            CopyError::Source(e) => self.unreachable(&e),
            CopyError::Destination(e) => local(e),
            CopyError::Cancelled => S3Error::Cancelled,
        })?;
        file.sync_all().map_err(local)?;
        Ok(Some((digested.sha256, digested.bytes)))
    }

    /// Puts small bytes under `key` with their checksum, then confirms them.
    pub fn put_bytes(&self, key: &str, bytes: &[u8]) -> Result<(), S3Error> {
        let sha256 = Sha256::digest(bytes);
        self.put_one(key, &sha256.into(), bytes.len() as u64, &mut &bytes[..], &())?;
        self.confirm(key, &hex::encode(sha256), bytes.len() as u64)
    }

    /// Uploads the file at `path`, whose SHA-256 is `sha256` (hex, as the main folder's sums
    /// list it), under `key`: in one request up to [`MULTIPART_ABOVE`], in parts above. The
    /// server checks each body against its checksum, so a file that no longer matches its
    /// recorded hash is refused ([`S3Error::ChecksumRejected`]) rather than stored. Confirmed
    /// afterwards by the server's checksum or by reading the object back.
    /// Multipart uploads are noted in `journal` while under way.
    pub fn put_file(
        &self,
        key: &str,
        path: &Path,
        sha256: &str,
        progress: &dyn Progress,
        journal: &dyn UploadJournal,
    ) -> Result<u64, S3Error> {
        let local = |source: io::Error| S3Error::Local {
            path: path.to_path_buf(),
            source,
        };
        // Profile folders are untrusted input: a planted link is not followed.
        let file = crate::fsutil::open_nofollow(path).map_err(local)?;
        let size = file.metadata().map_err(local)?.len();
        let expected: [u8; 32] = hex::decode(sha256)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| S3Error::ChecksumRejected { key: key.to_string() })?;
        progress.report(ProgressEvent::Started {
            file: path.to_path_buf(),
            total: size,
        });
        let mut reader = Counting {
            inner: file,
            done: 0,
            total: size,
            path: path.to_path_buf(),
            progress,
        };
        let sent = if size <= MULTIPART_ABOVE {
            self.put_one(key, &expected, size, &mut reader, progress)
        } else {
            self.put_parts(key, &expected, &mut reader, progress, journal)
        };
        // Below here a failed read of the file is known only by the object's key: name the file.
        sent.map_err(|e| match e {
            S3Error::Local { source, .. } => local(LocalRead::unwrap(source)),
            other => other,
        })?;
        progress.report(ProgressEvent::Finished {
            file: path.to_path_buf(),
        });
        self.confirm(key, sha256, size)?;
        Ok(size)
    }

    fn put_one(
        &self,
        key: &str,
        sha256: &[u8; 32],
        size: u64,
        body: &mut dyn Read,
        progress: &dyn Progress,
    ) -> Result<(), S3Error> {
        let checksum = base64::engine::general_purpose::STANDARD.encode(sha256);
        let mut action = self.bucket.put_object(Some(&self.credentials), key);
        action.headers_mut().insert("x-amz-checksum-sha256", checksum.clone());
        let url = action.sign(SIGNATURE_VALID);
        // The body is a stream read once, so this request is not retried here: the caller's
        // next run uploads what is still missing.
        let result = self
            .agent
            .put(url.as_str())
            .header("x-amz-checksum-sha256", &checksum)
            .header("content-length", size.to_string())
            .send(ureq::SendBody::from_reader(body));
        if progress.cancelled() {
            return Err(S3Error::Cancelled);
        }
        self.judge(key, result).map(|_| ())
    }

    fn put_parts(
        &self,
        key: &str,
        expected: &[u8; 32],
        reader: &mut dyn Read,
        progress: &dyn Progress,
        journal: &dyn UploadJournal,
    ) -> Result<(), S3Error> {
        let url = CreateMultipartUpload::new(&self.bucket, Some(&self.credentials), key).sign(SIGNATURE_VALID);
        let mut reply = self.send(key, || self.agent.post(url.as_str()).send_empty())?;
        let text = read_text(&mut reply.body, &self.server)?;
        let created = CreateMultipartUpload::parse_response(&text).map_err(|_| S3Error::Garbled {
            server: self.server.endpoint.clone(),
        })?;
        let upload_id = created.upload_id().to_string();
        journal.started(key, &upload_id);
        let result = self.send_parts(key, &upload_id, expected, reader, progress);
        match &result {
            Ok(()) => journal.ended(key, &upload_id),
            // Leave no half-made object taking space. When the server cannot be told now, the
            // note stays and the next run aborts it.
            Err(_) => {
                if self.abort_upload(key, &upload_id).is_ok() {
                    journal.ended(key, &upload_id);
                }
            }
        }
        result
    }

    /// Aborts the multipart upload `upload_id` of `key`, so its parts no longer take space.
    /// One the server no longer knows (completed, aborted, expired) counts as aborted.
    pub fn abort_upload(&self, key: &str, upload_id: &str) -> Result<(), S3Error> {
        let url = self
            .bucket
            .abort_multipart_upload(Some(&self.credentials), key, upload_id)
            .sign(SIGNATURE_VALID);
        match self.send(key, || self.agent.delete(url.as_str()).call()) {
            Ok(_) | Err(S3Error::NoSuchObject { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn send_parts(
        &self,
        key: &str,
        upload_id: &str,
        expected: &[u8; 32],
        reader: &mut dyn Read,
        progress: &dyn Progress,
    ) -> Result<(), S3Error> {
        let mut whole = Sha256::new();
        let mut etags = Vec::new();
        let mut part = Vec::with_capacity(PART_SIZE);
        for number in 1u16.. {
            part.clear();
            let n = (&mut *reader)
                .take(PART_SIZE as u64)
                .read_to_end(&mut part)
                .map_err(|e| {
                    if Cancelled::is(&e) {
                        S3Error::Cancelled
                    } else {
                        // Named by the file in `put_file`.
                        S3Error::Local {
                            path: PathBuf::from(key),
                            source: e,
                        }
                    }
                })?;
            if n == 0 && number > 1 {
                break;
            }
            whole.update(&part);
            let checksum = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&part));
            let mut action = self.bucket.upload_part(Some(&self.credentials), key, number, upload_id);
            action.headers_mut().insert("x-amz-checksum-sha256", checksum.clone());
            let url = action.sign(SIGNATURE_VALID);
            let reply = self.send(key, || {
                self.agent
                    .put(url.as_str())
                    .header("x-amz-checksum-sha256", &checksum)
                    .send(part.as_slice())
            })?;
            let etag = reply
                .headers
                .get("etag")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| S3Error::Garbled {
                    server: self.server.endpoint.clone(),
                })?;
            etags.push(etag.to_string());
            if progress.cancelled() {
                return Err(S3Error::Cancelled);
            }
            if n < PART_SIZE {
                break;
            }
        }
        // The file changed or was damaged since its hash was recorded: never complete it.
        if whole.finalize().as_slice() != expected {
            return Err(S3Error::ChecksumRejected { key: key.to_string() });
        }
        let action = CompleteMultipartUpload::new(
            &self.bucket,
            Some(&self.credentials),
            key,
            upload_id,
            etags.iter().map(String::as_str),
        );
        let url = action.sign(SIGNATURE_VALID);
        let body = action.body();
        let mut reply = self.send(key, || self.agent.post(url.as_str()).send(body.as_bytes()))?;
        // Some servers report a failed completion inside a 200 reply.
        let text = read_text(&mut reply.body, &self.server)?;
        if text.contains("<Error>") {
            return Err(error::from_body(
                reply.status,
                &text,
                reply.date.as_deref(),
                &self.server,
                key,
            ));
        }
        Ok(())
    }

    /// Confirms that `key` holds `size` bytes hashing to `sha256`: by the server's checksum
    /// when it has one, else by reading the object back.
    fn confirm(&self, key: &str, sha256: &str, size: u64) -> Result<(), S3Error> {
        let head = self
            .head(key)?
            .ok_or_else(|| S3Error::NotConfirmed { key: key.to_string() })?;
        if head.size != size {
            return Err(S3Error::NotConfirmed { key: key.to_string() });
        }
        let matches = match head.sha256 {
            Some(stored) => stored == sha256,
            None => self.hash_object(key)?.as_deref() == Some(sha256),
        };
        if matches {
            Ok(())
        } else {
            Err(S3Error::NotConfirmed { key: key.to_string() })
        }
    }

    /// Reads the object whole and returns its SHA-256 (hex); `None` when it is absent.
    pub fn hash_object(&self, key: &str) -> Result<Option<String>, S3Error> {
        let Some(mut reply) = self.get(key)? else {
            return Ok(None);
        };
        let total = reply.body.content_length().unwrap_or(0);
        let reader = reply.body.with_config().limit(u64::MAX).reader();
        let digested = copy::hash_reader(reader, total, Path::new(key), &()).map_err(|e| self.unreachable(&e))?;
        Ok(Some(digested.sha256))
    }

    /// Deletes `key` (absent is fine).
    pub fn delete(&self, key: &str) -> Result<(), S3Error> {
        let url = self
            .bucket
            .delete_object(Some(&self.credentials), key)
            .sign(SIGNATURE_VALID);
        match self.send(key, || self.agent.delete(url.as_str()).call()) {
            Ok(_) | Err(S3Error::NoSuchObject { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Sends a request that can be repeated (no streamed body), trying again after a dropped
    /// connection or a busy server, and turns an error reply into an [`S3Error`].
    fn send(
        &self,
        key: &str,
        request: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, S3Error> {
        let mut last = None;
        for attempt in 0..TRIES {
            if attempt > 0 {
                std::thread::sleep(Duration::from_millis(500 * 3u64.pow(attempt - 1)));
            }
            match self.judge(key, request()) {
                Err(e) if e.is_transient() => last = Some(e),
                other => return other,
            }
        }
        Err(last.unwrap_or(S3Error::Garbled {
            server: self.server.endpoint.clone(),
        }))
    }

    /// A reply or a transport error as this module's result.
    fn judge(
        &self,
        key: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, S3Error> {
        let response = result.map_err(|e| match e {
            ureq::Error::Io(io) if Cancelled::is(&io) => S3Error::Cancelled,
            ureq::Error::Io(io)
                if io
                    .get_ref()
                    .is_some_and(<dyn std::error::Error + Send + Sync>::is::<LocalRead>) =>
            {
                S3Error::Local {
                    path: PathBuf::from(key),
                    source: io,
                }
            }
            other => S3Error::Unreachable {
                server: self.server.endpoint.clone(),
                reason: other.to_string(),
            },
        })?;
        let (parts, body) = response.into_parts();
        let date = parts
            .headers
            .get("date")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut reply = Reply {
            status: parts.status.as_u16(),
            date,
            body,
            headers: parts.headers,
        };
        if reply.status < 300 {
            return Ok(reply);
        }
        let text = reply
            .body
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Err(error::from_body(
            reply.status,
            &text,
            reply.date.as_deref(),
            &self.server,
            key,
        ))
    }

    fn unreachable(&self, e: &io::Error) -> S3Error {
        if Cancelled::is(e) {
            return S3Error::Cancelled;
        }
        S3Error::Unreachable {
            server: self.server.endpoint.clone(),
            reason: e.to_string(),
        }
    }
}

/// Reads a small reply body as text.
fn read_text(body: &mut ureq::Body, server: &Server) -> Result<String, S3Error> {
    body.with_config()
        .limit(SMALL_OBJECT_LIMIT)
        .read_to_string()
        .map_err(|e| S3Error::Unreachable {
            server: server.endpoint.clone(),
            reason: e.to_string(),
        })
}

/// A key or prefix of a listing: `rusty-s3` asks for `encoding-type=url` (so any byte
/// survives the XML) and leaves the decoding to us.
fn url_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The SHA-256 a server sends in base64, as the hex the sums files use; `None` for a
/// multipart object's composite value (`…-N`) or anything else that is not 32 bytes.
fn base64_to_hex(b64: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64.trim()).ok()?;
    (bytes.len() == 32).then(|| hex::encode(bytes))
}

/// Marks an I/O error as the local file's, not the network's.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct LocalRead(io::Error);

impl LocalRead {
    /// The file's own error inside a marked one, so its kind (permission, not found …) is
    /// what the user is told.
    fn unwrap(error: io::Error) -> io::Error {
        if !error
            .get_ref()
            .is_some_and(<dyn std::error::Error + Send + Sync>::is::<LocalRead>)
        {
            return error;
        }
        match error
            .into_inner()
            .map(<dyn std::error::Error + Send + Sync>::downcast::<LocalRead>)
        {
            Some(Ok(local)) => local.0,
            _ => io::Error::other("the file could not be read"),
        }
    }
}

/// Reads the file to upload, reporting progress and stopping when cancelled.
struct Counting<'a> {
    inner: fs::File,
    done: u64,
    total: u64,
    path: PathBuf,
    progress: &'a dyn Progress,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.cancelled() {
            return Err(Cancelled::io());
        }
        let n = self.inner.read(buf).map_err(|e| io::Error::other(LocalRead(e)))?;
        self.done += n as u64;
        self.progress.report(ProgressEvent::Bytes {
            file: self.path.clone(),
            done: self.done,
            total: self.total,
        });
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_checksum_reads_as_the_sums_hex_and_composites_are_not_taken_for_one() {
        let sha = Sha256::digest(b"abc");
        let b64 = base64::engine::general_purpose::STANDARD.encode(sha);
        assert_eq!(base64_to_hex(&b64), Some(hex::encode(sha)));
        assert_eq!(base64_to_hex(&format!("{b64}-3")), None);
        assert_eq!(base64_to_hex("not base64!"), None);
    }

    #[test]
    fn a_failed_read_of_the_file_keeps_its_own_kind() {
        let marked = io::Error::other(LocalRead(io::Error::from(io::ErrorKind::PermissionDenied)));
        assert_eq!(LocalRead::unwrap(marked).kind(), io::ErrorKind::PermissionDenied);
        let plain = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(LocalRead::unwrap(plain).kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn listed_keys_are_decoded() {
        assert_eq!(url_decoded("0adc%2Fv%2Fab.age"), "0adc/v/ab.age");
        assert_eq!(url_decoded("plain/key"), "plain/key");
    }
}
