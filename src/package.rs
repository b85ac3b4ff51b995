//! SCORM packages: an exercise, with the whole app, as a zip an LMS
//! (Moodle, Canvas, Blackboard) takes as an activity. The launch page is the
//! exercise's link with `scorm=1.2` or `scorm=2004`, which makes the page
//! start `scorm.js`, the adapter that finds the LMS's API and reports to it.
//! Everything the page needs is in the package and every path is relative,
//! so it runs inside the LMS with no request to anywhere else.

pub mod zip;

/// Which SCORM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scorm {
    V12,
    V2004,
}

impl Scorm {
    pub fn parse(v: &str) -> Option<Scorm> {
        match v {
            "1.2" => Some(Scorm::V12),
            "2004" => Some(Scorm::V2004),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scorm::V12 => "1.2",
            Scorm::V2004 => "2004",
        }
    }
}

/// What goes in a package besides the manifest: the built page's files,
/// but not the sample course page.
pub fn belongs(path: &str) -> bool {
    !path.starts_with("embed-example.") && path != "imsmanifest.xml"
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `imsmanifest.xml`: one organization with one item, launching
/// `index.html` with the exercise's query (`query`, without `?`).
pub fn manifest(version: Scorm, title: &str, query: &str, files: &[String]) -> String {
    let launch = xml(&format!(
        "index.html?scorm={}{}{query}",
        version.name(),
        if query.is_empty() { "" } else { "&" }
    ));
    let title = xml(title);
    let files: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", xml(f)))
        .collect();
    let (head, scorm_type, schema) = match version {
        Scorm::V12 => (
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
             http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"",
            "adlcp:scormtype",
            "1.2",
        ),
        Scorm::V2004 => (
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
             http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd\"",
            "adlcp:scormType",
            "2004 4th Edition",
        ),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <manifest identifier=\"synack-exercise\" version=\"1\" {head}>\n\
         \x20 <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schema}</schemaversion>\n  </metadata>\n\
         \x20 <organizations default=\"synack\">\n\
         \x20   <organization identifier=\"synack\">\n\
         \x20     <title>{title}</title>\n\
         \x20     <item identifier=\"exercise\" identifierref=\"app\">\n\
         \x20       <title>{title}</title>\n\
         \x20     </item>\n\
         \x20   </organization>\n\
         \x20 </organizations>\n\
         \x20 <resources>\n\
         \x20   <resource identifier=\"app\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{launch}\">\n\
         {files}\
         \x20   </resource>\n\
         \x20 </resources>\n\
         </manifest>\n"
    )
}

// The page makes packages with code it fetches when first asked to.
crate::split!(package: pub fn package_later(version: Scorm, title: String, query: String, files: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    package(version, &title, &query, files)
});

/// The package: the manifest, then the page's files (path, bytes).
pub fn package(version: Scorm, title: &str, query: &str, files: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut files: Vec<(String, Vec<u8>)> = files.into_iter().filter(|(p, _)| belongs(p)).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut all = vec![(
        "imsmanifest.xml".to_string(),
        manifest(version, title, query, &names).into_bytes(),
    )];
    all.extend(files);
    zip::zip(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_launches_the_exercise_and_lists_every_file() {
        let files = vec!["index.html".to_string(), "synack-app_bg.wasm".to_string()];
        let m = manifest(
            Scorm::V12,
            "TCP <handshake>",
            "exercise=fill&student=x",
            &files,
        );
        assert!(
            m.contains("href=\"index.html?scorm=1.2&amp;exercise=fill&amp;student=x\""),
            "{m}"
        );
        assert!(
            m.contains("adlcp:scormtype=\"sco\"")
                && m.contains("<schemaversion>1.2</schemaversion>")
        );
        assert!(m.contains("<title>TCP &lt;handshake&gt;</title>"));
        assert!(m.contains("<file href=\"synack-app_bg.wasm\"/>"));
        let m = manifest(Scorm::V2004, "t", "", &files);
        assert!(
            m.contains("href=\"index.html?scorm=2004\"") && m.contains("adlcp:scormType=\"sco\"")
        );
        assert!(m.contains("2004 4th Edition"));
    }

    #[test]
    fn a_package_leaves_the_sample_page_out() {
        let z = package(
            Scorm::V2004,
            "t",
            "exercise=fill",
            vec![
                ("index.html".into(), b"<html>".to_vec()),
                ("embed-example.html".into(), b"x".to_vec()),
            ],
        );
        let text = String::from_utf8_lossy(&z);
        assert!(text.contains("imsmanifest.xml") && text.contains("index.html"));
        assert!(!text.contains("embed-example"));
    }
}
