//! A zip archive of stored (uncompressed) files: what a SCORM package is.
//! A few dozen lines rather than a crate: no compression is needed (the
//! wasm and text are small, and an LMS unpacks it once), and the same code
//! serves the command line and, later, the page.

/// CRC-32 (IEEE 802.3, the one zip uses), bit by bit from a table.
fn crc32(bytes: &[u8]) -> u32 {
    const fn table() -> [u32; 256] {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    }
    const TABLE: [u32; 256] = table();
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// Files in, a zip archive out (names with `/` for folders, UTF-8). Times
/// are 1980-01-01 00:00, so the same files make the same bytes.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    const UTF8: u16 = 1 << 11;
    const DOS_DATE: u16 = 1 << 5 | 1; // 1980-01-01
    for (name, data) in files {
        let (crc, size, offset) = (crc32(data), data.len() as u32, out.len() as u32);
        // Local file header.
        le32(&mut out, 0x0403_4B50);
        le16(&mut out, 20); // version needed: 2.0
        le16(&mut out, UTF8);
        le16(&mut out, 0); // stored
        le16(&mut out, 0); // time
        le16(&mut out, DOS_DATE);
        le32(&mut out, crc);
        le32(&mut out, size);
        le32(&mut out, size);
        le16(&mut out, name.len() as u16);
        le16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        le32(&mut central, 0x0201_4B50);
        le16(&mut central, 20); // made by: 2.0
        le16(&mut central, 20);
        le16(&mut central, UTF8);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, DOS_DATE);
        le32(&mut central, crc);
        le32(&mut central, size);
        le32(&mut central, size);
        le16(&mut central, name.len() as u16);
        le16(&mut central, 0); // extra
        le16(&mut central, 0); // comment
        le16(&mut central, 0); // disk
        le16(&mut central, 0); // internal attributes
        le32(&mut central, 0); // external attributes
        le32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let (start, length) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    // End of central directory.
    le32(&mut out, 0x0605_4B50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, files.len() as u16);
    le16(&mut out, files.len() as u16);
    le32(&mut out, length);
    le32(&mut out, start);
    le16(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_as_published() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn an_archive_lists_its_files_where_they_are() {
        let files = vec![
            ("a.txt".to_string(), b"hello".to_vec()),
            ("dir/b.bin".to_string(), vec![0, 1, 2]),
        ];
        let z = zip(&files);
        assert_eq!(&z[..4], b"PK\x03\x04");
        // The end record names 2 files and where the directory starts.
        let end = &z[z.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        let start = u32::from_le_bytes(end[16..20].try_into().unwrap()) as usize;
        assert_eq!(&z[start..start + 4], b"PK\x01\x02");
        // The same files, the same bytes.
        assert_eq!(zip(&files), z);
    }
}
