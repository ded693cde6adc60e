//! One-page PDF certificates of completion.
//!
//! Laid out by hand on a US Letter landscape page with `DejaVu` Sans (embedded, subset by the PDF
//! writer), which covers Latin, Greek and Cyrillic names. Text is real text, so `pdftotext` and
//! screen readers can read it back.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// US Letter, landscape, in points.
const WIDTH: f32 = 792.0;
const HEIGHT: f32 = 612.0;

/// Everything printed on a certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    /// The officer's name (from the roster), else the learner name.
    pub name: String,
    /// Officer id from the roster, when known.
    pub officer_id: Option<String>,
    /// The learner name the records are under.
    pub learner: String,
    /// Course title.
    pub course_title: String,
    /// Course id.
    pub course_id: String,
    /// Course version completed.
    pub version: Option<String>,
    /// Training provider.
    pub provider: Option<String>,
    /// State (POST) certification number of the course.
    pub certification: Option<String>,
    /// Hours credited.
    pub hours: f64,
    /// Completion date, `YYYY-MM-DD`.
    pub completed: String,
    /// Best score, as printed (`9/10 (90%)`).
    pub best_score: Option<String>,
    /// The completion statement's id: looked up in the LRS to verify the certificate.
    pub verification: String,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font did not load (a broken build).
    #[error("the certificate font could not be loaded")]
    Font,
    /// The PDF writer refused.
    #[error("the PDF could not be written: {0:?}")]
    Write(krilla::error::KrillaError),
}

struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: ttf_parser::Face<'static>,
    bold_face: ttf_parser::Face<'static>,
}

impl Fonts {
    fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: Font::new(REGULAR.to_vec().into(), 0).ok_or(PdfError::Font)?,
            bold: Font::new(BOLD.to_vec().into(), 0).ok_or(PdfError::Font)?,
            regular_face: ttf_parser::Face::parse(REGULAR, 0).map_err(|_| PdfError::Font)?,
            bold_face: ttf_parser::Face::parse(BOLD, 0).map_err(|_| PdfError::Font)?,
        })
    }

    /// Width of `text` at `size` points: glyph advances, no kerning (close enough to centre).
    fn width(&self, bold: bool, text: &str, size: f32) -> f32 {
        let face = if bold {
            &self.bold_face
        } else {
            &self.regular_face
        };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        #[allow(clippy::cast_precision_loss)] // advances are small integers
        let w = units as f32 * size / f32::from(face.units_per_em());
        w
    }
}

/// Text for the PDF: no control characters (names come from spreadsheets and files).
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The certificate as PDF bytes.
///
/// # Errors
/// [`PdfError`] when the font or the writer fails.
pub fn render(cert: &Certificate) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(clean(&format!(
                "Certificate of completion: {} — {}",
                cert.name, cert.course_title
            )))
            .creator("rollcall".to_string()),
    );
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or(PdfError::Font)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    let navy = rgb::Color::new(22, 42, 84);
    let grey = rgb::Color::new(70, 70, 70);
    // A double border: the look people expect of a certificate on a wall or in a file.
    for (inset, width) in [(24.0, 3.0), (34.0, 1.0)] {
        if let Some(rect) = Rect::from_xywh(inset, inset, WIDTH - 2.0 * inset, HEIGHT - 2.0 * inset)
        {
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: navy.into(),
                    width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
    surface.set_stroke(None);

    let mut line = |y: f32, text: &str, size: f32, bold: bool, color: rgb::Color| {
        let text = clean(text);
        // Shrink a long name or title to fit between the borders rather than run over them.
        let mut size = size;
        while size > 8.0 && fonts.width(bold, &text, size) > WIDTH - 120.0 {
            size -= 1.0;
        }
        let x = (WIDTH - fonts.width(bold, &text, size)) / 2.0;
        surface.set_fill(Some(Fill {
            paint: color.into(),
            opacity: NormalizedF32::ONE,
            rule: krilla::paint::FillRule::default(),
        }));
        let font = if bold {
            fonts.bold.clone()
        } else {
            fonts.regular.clone()
        };
        surface.draw_text(
            Point::from_xy(x.max(60.0), y),
            font,
            size,
            &text,
            false,
            TextDirection::Auto,
        );
    };

    line(110.0, "CERTIFICATE OF COMPLETION", 30.0, true, navy);
    line(160.0, "This certifies that", 14.0, false, grey);
    line(205.0, &cert.name, 30.0, true, navy);
    let who = match &cert.officer_id {
        Some(id) => format!("Officer ID {id} · learner {}", cert.learner),
        None => format!("Learner {}", cert.learner),
    };
    line(232.0, &who, 11.0, false, grey);
    line(275.0, "has completed the course", 14.0, false, grey);
    line(318.0, &cert.course_title, 24.0, true, navy);
    let mut about = vec![format!("course {}", cert.course_id)];
    if let Some(v) = &cert.version {
        about.push(format!("version {v}"));
    }
    if let Some(p) = &cert.provider {
        about.push(p.clone());
    }
    line(345.0, &about.join(" · "), 11.0, false, grey);
    let mut facts = vec![
        format!("Completed {}", cert.completed),
        format!(
            "{} credit hours",
            crate::report::format::hours_text(cert.hours)
        ),
    ];
    if let Some(b) = &cert.best_score {
        facts.push(format!("Best score {b}"));
    }
    line(
        395.0,
        &facts.join("   ·   "),
        14.0,
        false,
        rgb::Color::black(),
    );
    let cert_no = cert
        .certification
        .as_deref()
        .map_or_else(|| "none given".to_string(), str::to_string);
    line(
        422.0,
        &format!("POST certification number: {cert_no}"),
        12.0,
        false,
        rgb::Color::black(),
    );
    line(
        505.0,
        &format!("Verification code: {}", cert.verification),
        10.0,
        false,
        grey,
    );
    line(
        522.0,
        "The code is the id of the course-completion statement in the department's Learning Record Store;",
        8.5,
        false,
        grey,
    );
    line(
        534.0,
        "`rollcall report --verify-lrs` or the LRS itself confirms it. Issued by rollcall.",
        8.5,
        false,
        grey,
    );
    surface.finish();
    page.finish();
    document.finish().map_err(PdfError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Certificate {
        Certificate {
            name: "Zoë Łukasiewicz-Ødegård".into(),
            officer_id: Some("1001".into()),
            learner: "zoe".into(),
            course_title: "De-escalation Fundamentals".into(),
            course_id: "de-escalation".into(),
            version: Some("2.0".into()),
            provider: Some("rollcall open curriculum".into()),
            certification: Some("POST-1234".into()),
            hours: 1.5,
            completed: "2026-04-10".into(),
            best_score: Some("9/10 (90%)".into()),
            verification: "9a1c0f0e-0000-5000-8000-000000000000".into(),
        }
    }

    #[test]
    fn renders_a_one_page_pdf() {
        let pdf = render(&sample()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    }

    #[test]
    fn control_characters_never_reach_the_pdf() {
        let mut c = sample();
        c.name = "Evil\u{1b}]0;x\u{7}Name".into();
        assert!(render(&c).is_ok());
        assert_eq!(clean(&c.name), "Evil]0;xName");
    }
}
