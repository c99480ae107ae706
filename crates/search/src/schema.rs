//! What the two indexes hold: the fields of a report document and of a person-mention
//! document, the analysers that turn text into terms, and the conversion of a stored report
//! into documents. No IO.

use crate::IndexedReport;
use model::{Entities, HandlingCode};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenizerManager, WhitespaceTokenizer,
};
use tantivy::{DateTime, TantivyDocument};

/// The analyser of report text: words, lower case, diacritics folded, English stems (so that
/// `dealing` finds `deals`).
pub const TEXT_ANALYSER: &str = "sl_text";
/// The analyser of names: words, lower case, diacritics folded, no stemming (`Jones` is not
/// `Jone`).
pub const NAME_ANALYSER: &str = "sl_name";
/// The analyser of word pairs ([`word_pairs`]), which are made before indexing: split at spaces.
pub const PAIRS_ANALYSER: &str = "sl_pairs";

/// Registers the analysers on an index's tokenizer manager.
pub fn register_analysers(manager: &TokenizerManager) {
    manager.register(TEXT_ANALYSER, text_analyser());
    manager.register(NAME_ANALYSER, name_analyser());
    manager.register(
        PAIRS_ANALYSER,
        TextAnalyzer::from(WhitespaceTokenizer::default()),
    );
}

/// The text analyser on its own, for making word pairs.
pub fn text_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Each pair of neighbouring words, as one word (`no_further further_action`): a phrase of two
/// words is then one posting list, and a longer phrase a phrase of pairs, which are far rarer
/// than the words they are made of — so a phrase of common words costs little more than the
/// reports that contain it. `words` are already analysed (they never contain `_`).
pub fn word_pairs(words: &[String]) -> Vec<String> {
    words
        .windows(2)
        .map(|w| format!("{}_{}", w[0], w[1]))
        .collect()
}

/// The analysed words of a text.
pub fn analysed_words(analyser: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyser.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// The name analyser on its own, for highlighting names outside an index.
pub fn name_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn analysed(analyser: &str, stored: bool) -> TextOptions {
    with_record(analyser, stored, IndexRecordOption::WithFreqsAndPositions)
}

fn with_record(analyser: &str, stored: bool, record: IndexRecordOption) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyser)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// The fields of a report document.
#[derive(Debug, Clone, Copy)]
pub struct ReportFields {
    pub reference: Field,
    /// The store's id of the indexed version (larger is newer).
    pub version_id: Field,
    /// The report's text, stored for snippets (searched through `all`).
    pub text: Field,
    /// What a word is looked for in: the text, every name and the reference, in one field, so
    /// that a word is one posting list however many places it may be in.
    pub all: Field,
    /// Every name and alias of every person the report mentions (a name match ranks higher).
    pub names: Field,
    /// [`word_pairs`] of everything in `all`, for phrases.
    pub pairs: Field,
    /// Phones (E.164, else digits), registrations (compact, upper case), postcodes
    /// (canonical): exact keys.
    pub phones: Field,
    pub vrms: Field,
    pub postcodes: Field,
    /// Full dates of birth of the persons mentioned, `YYYY-MM-DD`.
    pub dobs: Field,
    pub crime_type: Field,
    pub source_type: Field,
    pub source_org: Field,
    pub grading_source: Field,
    pub grading_intel: Field,
    pub handling: Field,
    pub conditions: Field,
    pub area: Field,
    /// `YYYY-MM` of receipt.
    pub month: Field,
    /// Every facet but the area packed in one number ([`pack_facets`]), for counting.
    pub facet_bits: Field,
    pub received: Field,
    /// Who submitted the report through the application, for a partner's own submissions.
    pub submitter: Field,
}

/// The schema of the report index.
pub fn report_schema() -> (Schema, ReportFields) {
    let mut b = Schema::builder();
    let fields = ReportFields {
        reference: b.add_text_field("ref", STRING | STORED),
        version_id: b.add_u64_field("version_id", FAST | STORED),
        text: b.add_text_field("text", STORED),
        // Phrases are looked for in `pairs`, so words need no positions here.
        all: b.add_text_field(
            "all",
            with_record(TEXT_ANALYSER, false, IndexRecordOption::WithFreqs),
        ),
        names: b.add_text_field("names", analysed(NAME_ANALYSER, true)),
        pairs: b.add_text_field("pairs", analysed(PAIRS_ANALYSER, false)),
        phones: b.add_text_field("phones", STRING | STORED),
        vrms: b.add_text_field("vrms", STRING | STORED),
        postcodes: b.add_text_field("postcodes", STRING | STORED),
        dobs: b.add_text_field("dobs", STRING),
        crime_type: b.add_text_field("crime_type", STRING | STORED),
        source_type: b.add_text_field("source_type", STRING | STORED),
        source_org: b.add_text_field("source_org", STORED),
        grading_source: b.add_text_field("grading_source", STRING | STORED),
        grading_intel: b.add_text_field("grading_intel", STRING | STORED),
        handling: b.add_text_field("handling", STRING | STORED),
        conditions: b.add_text_field("conditions", STORED),
        area: b.add_text_field("area", STRING | FAST | STORED),
        month: b.add_text_field("month", STRING | STORED),
        facet_bits: b.add_u64_field("facet_bits", FAST),
        received: b.add_date_field("received", INDEXED | FAST | STORED),
        submitter: b.add_u64_field("submitter", INDEXED | STORED),
    };
    (b.build(), fields)
}

/// Where each facet sits in [`pack_facets`]'s number: crime types as a bit set in the low 16
/// bits, then the source type, the two grades, the handling code, and the month of receipt
/// (counted from year 0) in bits 32 to 47.
pub mod bits {
    pub const SOURCE: u32 = 16;
    pub const SOURCE_GRADE: u32 = 19;
    pub const INTEL_GRADE: u32 = 21;
    pub const HANDLING: u32 = 24;
    pub const MONTH: u32 = 32;
}

// The crime types' bit set must stay below the source type's bits.
const _: () = assert!(model::CrimeType::ALL.len() <= bits::SOURCE as usize);

fn position<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter().position(|v| v == value).unwrap_or(0) as u64
}

/// The months since the start of year 0 of a time.
pub fn month_number(t: time::OffsetDateTime) -> u64 {
    u64::try_from(t.year()).unwrap_or(0) * 12 + u64::from(u8::from(t.month())) - 1
}

/// `YYYY-MM` of a month number.
pub fn month_text(n: u64) -> String {
    format!("{:04}-{:02}", n / 12, n % 12 + 1)
}

/// Every facet of a report but its area, in one number.
pub fn pack_facets(report: &store::StoredReport) -> u64 {
    use model::{CrimeType, HandlingCode, IntelAssessment, SourceEvaluation, SourceType};
    let mut packed = 0u64;
    for c in &report.crime_types {
        packed |= 1 << position(CrimeType::ALL, c);
    }
    packed |= position(SourceType::ALL, &report.source_type) << bits::SOURCE;
    packed |= position(SourceEvaluation::ALL, &report.grading.source) << bits::SOURCE_GRADE;
    packed |= position(IntelAssessment::ALL, &report.grading.intel) << bits::INTEL_GRADE;
    packed |= position(HandlingCode::ALL, &report.grading.handling) << bits::HANDLING;
    packed |= (month_number(report.received) & 0xFFFF) << bits::MONTH;
    packed
}

/// The fields of a person-mention document: one document for each person a report mentions,
/// carrying the handling code and submitter of its report so that the same filter applies.
#[derive(Debug, Clone, Copy)]
pub struct PersonFields {
    /// `<ref>#<local id>`.
    pub mention: Field,
    pub reference: Field,
    /// The resolved person, empty until analysis has resolved the mention.
    pub person: Field,
    /// [`person_key`] of the resolved person: what a search groups mentions by.
    pub person_key: Field,
    /// 1 when resolved; only resolved mentions are found by person search.
    pub resolved: Field,
    /// The display name first, then aliases.
    pub name: Field,
    /// Double Metaphone codes of every name word.
    pub phonetic: Field,
    /// `YYYY-MM-DD`, when the full date is known.
    pub dob: Field,
    pub dob_year: Field,
    pub handling: Field,
    pub submitter: Field,
}

/// The schema of the person index.
pub fn person_schema() -> (Schema, PersonFields) {
    let mut b = Schema::builder();
    let name = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NAME_ANALYSER)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    let fields = PersonFields {
        mention: b.add_text_field("mention", STRING | FAST | STORED),
        reference: b.add_text_field("ref", STRING | STORED),
        person: b.add_text_field("person", STRING | STORED),
        person_key: b.add_u64_field("person_key", FAST),
        resolved: b.add_u64_field("resolved", INDEXED),
        name: b.add_text_field("name", name),
        phonetic: b.add_text_field("phonetic", STRING),
        dob: b.add_text_field("dob", STRING | STORED),
        dob_year: b.add_u64_field("dob_year", INDEXED | STORED),
        handling: b.add_text_field("handling", STRING | STORED),
        submitter: b.add_u64_field("submitter", INDEXED | STORED),
    };
    (b.build(), fields)
}

/// `YYYY-MM` of a time.
pub fn month_of(t: time::OffsetDateTime) -> String {
    month_text(month_number(t))
}

/// The keys of a report's phones, registrations and postcodes.
pub fn entity_keys(entities: &Entities) -> (Vec<String>, Vec<String>, Vec<String>) {
    let phones = entities
        .phones
        .iter()
        .map(|p| p.phone.key())
        .filter(|k| !k.is_empty())
        .collect();
    let vrms = entities
        .vehicles
        .iter()
        .filter_map(|v| v.vrm.as_ref().and_then(|v| v.normalised.clone()))
        .collect();
    let postcodes = entities
        .locations
        .iter()
        .filter_map(|l| l.address.as_ref().and_then(|a| a.postcode.as_ref()))
        .map(|p| p.as_str().to_string())
        .collect();
    (phones, vrms, postcodes)
}

/// The names (display form, then aliases) of one person mention.
pub fn mention_names(person: &model::PersonMention) -> Vec<String> {
    let Some(name) = &person.name else {
        return Vec::new();
    };
    let mut names = vec![name.display()];
    names.extend(name.aliases.iter().cloned());
    names.retain(|n| !n.trim().is_empty());
    names
}

/// The document of one report; `analyser` is the text analyser ([`text_analyser`]).
pub fn report_document(
    f: &ReportFields,
    r: &IndexedReport,
    analyser: &mut TextAnalyzer,
) -> TantivyDocument {
    let report = &r.report;
    let mut doc = TantivyDocument::new();
    doc.add_text(f.reference, &report.report_ref);
    doc.add_u64(f.version_id, u64::try_from(report.id).unwrap_or(0));
    doc.add_text(f.text, &report.text);
    let mut searched = |doc: &mut TantivyDocument, value: &str| {
        doc.add_text(f.all, value);
        let pairs = word_pairs(&analysed_words(analyser, value));
        if !pairs.is_empty() {
            doc.add_text(f.pairs, pairs.join(" "));
        }
    };
    searched(&mut doc, &report.report_ref);
    searched(&mut doc, &report.text);
    for person in &report.entities.persons {
        for name in mention_names(person) {
            searched(&mut doc, &name);
            doc.add_text(f.names, name);
        }
        if let Some(dob) = person.dob.and_then(|d| d.iso()) {
            doc.add_text(f.dobs, dob);
        }
    }
    let (phones, vrms, postcodes) = entity_keys(&report.entities);
    for p in phones {
        doc.add_text(f.phones, p);
    }
    for v in vrms {
        doc.add_text(f.vrms, v);
    }
    for p in postcodes {
        doc.add_text(f.postcodes, p);
    }
    for c in &report.crime_types {
        doc.add_text(f.crime_type, c.as_str());
    }
    doc.add_text(f.source_type, report.source_type.as_str());
    if let Some(org) = &report.source_org {
        doc.add_text(f.source_org, org);
    }
    doc.add_text(f.grading_source, report.grading.source.as_str());
    doc.add_text(f.grading_intel, report.grading.intel.as_str());
    doc.add_text(f.handling, report.grading.handling.as_str());
    if let Some(c) = &report.grading.conditions {
        doc.add_text(f.conditions, c);
    }
    // Every report has an area value (empty when none was given), so that the column is dense
    // and counting reads it without a lookup of which documents have one.
    doc.add_text(
        f.area,
        report.area.as_deref().map(str::trim).unwrap_or_default(),
    );
    doc.add_text(f.month, month_of(report.received));
    doc.add_u64(f.facet_bits, pack_facets(report));
    doc.add_date(f.received, DateTime::from_utc(report.received));
    if let Some(id) = r.submitted_by.and_then(|id| u64::try_from(id).ok()) {
        doc.add_u64(f.submitter, id);
    }
    doc
}

/// A person id as a number (64-bit FNV-1a), so that a search groups mentions by person with
/// no dictionary to look words up in. Two of a million ids share a number with a chance of
/// about one in ten million million.
pub fn person_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Double Metaphone codes (primary and alternate) of every word of a name.
pub fn phonetic_codes(name: &str) -> Vec<String> {
    let encoder = rphonetic::DoubleMetaphone::default();
    let mut codes = Vec::new();
    for word in model::text::fold(name).split_whitespace() {
        if word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let result = encoder.double_metaphone(word);
        for code in [result.primary(), result.alternate()] {
            if !code.is_empty() && !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

/// One person mention as the person index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionDoc {
    pub mention: String,
    pub reference: String,
    pub person: Option<String>,
    pub names: Vec<String>,
    pub dob: Option<String>,
    pub dob_year: Option<i32>,
    pub handling: HandlingCode,
    pub submitter: Option<i64>,
}

impl MentionDoc {
    /// The mention documents of a report: persons with a name or a date of birth. `person_of`
    /// gives the resolved person of a mention, if known.
    pub fn of_report(r: &IndexedReport, person_of: impl Fn(&str) -> Option<String>) -> Vec<Self> {
        let report = &r.report;
        report
            .entities
            .persons
            .iter()
            .filter_map(|p| {
                let names = mention_names(p);
                let (dob, dob_year) = match p.dob {
                    Some(model::BirthDate::Day { date }) => {
                        (p.dob.and_then(|d| d.iso()), Some(date.year()))
                    }
                    Some(
                        model::BirthDate::Month { year, .. } | model::BirthDate::Year { year },
                    ) => (None, Some(year)),
                    _ => (None, None),
                };
                if names.is_empty() && dob.is_none() {
                    return None;
                }
                let mention = format!("{}#{}", report.report_ref, p.id);
                Some(MentionDoc {
                    person: person_of(&mention),
                    mention,
                    reference: report.report_ref.clone(),
                    names,
                    dob,
                    dob_year,
                    handling: report.grading.handling,
                    submitter: r.submitted_by,
                })
            })
            .collect()
    }

    pub fn document(&self, f: &PersonFields) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(f.mention, &self.mention);
        doc.add_text(f.reference, &self.reference);
        doc.add_text(f.person, self.person.as_deref().unwrap_or_default());
        if let Some(person) = &self.person {
            doc.add_u64(f.person_key, person_key(person));
        }
        doc.add_u64(f.resolved, u64::from(self.person.is_some()));
        for name in &self.names {
            doc.add_text(f.name, name);
            for code in phonetic_codes(name) {
                doc.add_text(f.phonetic, code);
            }
        }
        if let Some(dob) = &self.dob {
            doc.add_text(f.dob, dob);
        }
        if let Some(year) = self.dob_year.and_then(|y| u64::try_from(y).ok()) {
            doc.add_u64(f.dob_year, year);
        }
        doc.add_text(f.handling, self.handling.as_str());
        if let Some(id) = self.submitter.and_then(|id| u64::try_from(id).ok()) {
            doc.add_u64(f.submitter, id);
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_pack_into_one_number() {
        let line = r#"{"kind":"report","ref":"X-1","received":"2026-03-04T10:12:00Z","source":{"type":"partner"},"grading":{"source":"3","intel":"E","handling":"C","conditions":"none outside"},"crime_types":["drugs_supply","other"],"text":"t"}"#;
        let a = ingest::parse_line(line.as_bytes(), 1).unwrap();
        let r = crate::IndexedReport::from_model(&a.report, 1);
        let p = pack_facets(&r.report);
        let doc = report_document(&report_schema().1, &r, &mut text_analyser());
        let pairs: Vec<&str> = doc
            .get_all(report_schema().1.pairs)
            .filter_map(|v| tantivy::schema::Value::as_str(&v))
            .collect();
        assert_eq!(
            pairs,
            ["x_1"],
            "the reference's words; the one-word text has no pair"
        );
        assert_eq!(p & 0xFFFF, (1 << 1) | (1 << 15), "drugs_supply and other");
        assert_eq!((p >> bits::SOURCE) & 7, 2, "partner");
        assert_eq!((p >> bits::SOURCE_GRADE) & 3, 2, "3");
        assert_eq!((p >> bits::INTEL_GRADE) & 7, 4, "E");
        assert_eq!((p >> bits::HANDLING) & 1, 1, "C");
        assert_eq!(month_text((p >> bits::MONTH) & 0xFFFF), "2026-03");
    }

    #[test]
    fn person_keys_are_stable() {
        assert_eq!(person_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(person_key("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(person_key("per_000001"), person_key("per_000010"));
    }

    #[test]
    fn phonetic_codes_join_spellings_of_one_name() {
        assert_eq!(phonetic_codes("SMITH"), phonetic_codes("Smyth"));
        assert_eq!(phonetic_codes("Jon")[0], phonetic_codes("John")[0]);
        assert_eq!(phonetic_codes("O'Brien"), phonetic_codes("OBRIEN"));
        assert!(phonetic_codes("1999").is_empty());
    }
}
