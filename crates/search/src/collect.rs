//! Collectors that read fast fields while a query runs: facet counts over every matching
//! report (so counts are of exactly what the permission-filtered query matched), and the best
//! mention of every matching person. Term ordinals are turned into words once per segment, in
//! order, since each lookup in a column's dictionary may decompress a block.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal};

/// Counts every facet's values over the matching reports: the packed facet number
/// ([`crate::schema::pack_facets`]) and the area's term ordinal are read for each document, and
/// turned into words once, at the end.
pub struct FacetCounter;

/// Counts in [`crate::Facet::ALL`] order.
pub type FacetTally = Vec<HashMap<String, u64>>;

pub struct FacetSegment {
    packed: Option<Column<u64>>,
    area: Option<StrColumn>,
    crimes: [u64; 16],
    sources: [u64; 8],
    source_grades: [u64; 4],
    intel_grades: [u64; 8],
    handling: [u64; 2],
    /// (month number, count): few distinct months, looked through in order.
    months: Vec<(u64, u64)>,
    areas: Vec<u64>,
}

impl Collector for FacetCounter {
    type Fruit = FacetTally;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let area = reader.fast_fields().str("area")?;
        Ok(FacetSegment {
            packed: reader.fast_fields().column_opt("facet_bits")?,
            areas: vec![0; area.as_ref().map_or(0, |a| a.num_terms())],
            area,
            crimes: [0; 16],
            sources: [0; 8],
            source_grades: [0; 4],
            intel_grades: [0; 8],
            handling: [0; 2],
            months: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetTally>) -> tantivy::Result<FacetTally> {
        let mut out = vec![HashMap::new(); crate::Facet::ALL.len()];
        for segment in segments {
            for (total, counts) in out.iter_mut().zip(segment) {
                for (value, n) in counts {
                    *total.entry(value).or_insert(0) += n;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = FacetTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        use crate::schema::bits;
        if let Some(packed) = self.packed.as_ref().and_then(|c| c.first(doc)) {
            let mut crimes = packed & 0xFFFF;
            while crimes != 0 {
                self.crimes[crimes.trailing_zeros() as usize] += 1;
                crimes &= crimes - 1;
            }
            self.sources[((packed >> bits::SOURCE) & 7) as usize] += 1;
            self.source_grades[((packed >> bits::SOURCE_GRADE) & 3) as usize] += 1;
            self.intel_grades[((packed >> bits::INTEL_GRADE) & 7) as usize] += 1;
            self.handling[((packed >> bits::HANDLING) & 1) as usize] += 1;
            let month = (packed >> bits::MONTH) & 0xFFFF;
            match self.months.iter_mut().find(|(m, _)| *m == month) {
                Some((_, n)) => *n += 1,
                None => self.months.push((month, 1)),
            }
        }
        if let Some(area) = &self.area
            && let Some(ord) = area.ords().first(doc)
            && let Some(n) = self.areas.get_mut(ord as usize)
        {
            *n += 1;
        }
    }

    fn harvest(self) -> FacetTally {
        use model::{CrimeType, HandlingCode, IntelAssessment, SourceEvaluation, SourceType};
        fn named<T: Copy>(
            counts: &[u64],
            all: &[T],
            name: impl Fn(T) -> &'static str,
        ) -> HashMap<String, u64> {
            all.iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(v, n)| (name(*v).to_string(), *n))
                .collect()
        }
        let mut areas = HashMap::new();
        if let Some(column) = &self.area {
            let ords: Vec<u64> = (0..self.areas.len() as u64)
                .filter(|o| self.areas[*o as usize] > 0)
                .collect();
            let mut counts = ords.iter().map(|o| self.areas[*o as usize]);
            let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                // Reports without an area have the empty one, which is not a value to show.
                if let Some(n) = counts.next()
                    && !bytes.is_empty()
                {
                    areas.insert(String::from_utf8_lossy(bytes).into_owned(), n);
                }
            });
        }
        vec![
            named(&self.crimes, CrimeType::ALL, CrimeType::as_str),
            named(&self.sources, SourceType::ALL, SourceType::as_str),
            named(
                &self.source_grades,
                SourceEvaluation::ALL,
                SourceEvaluation::as_str,
            ),
            named(
                &self.intel_grades,
                IntelAssessment::ALL,
                IntelAssessment::as_str,
            ),
            named(&self.handling, HandlingCode::ALL, HandlingCode::as_str),
            areas,
            self.months
                .into_iter()
                .map(|(m, n)| (crate::schema::month_text(m), n))
                .collect(),
        ]
    }
}

/// The best-scoring matching document of each person (by the `person_key` fast field), with
/// how many of their mentions matched.
pub struct BestPerPerson;

/// Best score, its document, and the number of matching documents.
pub type Best = (Score, DocAddress, u64);

pub struct BestSegment {
    segment: SegmentOrdinal,
    column: Option<Column<u64>>,
    best: HashMap<u64, Best>,
}

impl Collector for BestPerPerson {
    type Fruit = HashMap<u64, Best>;
    type Child = BestSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<BestSegment> {
        Ok(BestSegment {
            segment,
            column: reader.fast_fields().column_opt("person_key")?,
            best: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        segments: Vec<HashMap<u64, Best>>,
    ) -> tantivy::Result<HashMap<u64, Best>> {
        let mut out: HashMap<u64, Best> = HashMap::new();
        for segment in segments {
            merge_best(&mut out, segment);
        }
        Ok(out)
    }
}

/// Adds one collection's best documents to another's.
pub fn merge_best(into: &mut HashMap<u64, Best>, from: HashMap<u64, Best>) {
    for (key, (score, doc, n)) in from {
        let entry = into.entry(key).or_insert((score, doc, 0));
        if score > entry.0 {
            entry.0 = score;
            entry.1 = doc;
        }
        entry.2 += n;
    }
}

impl SegmentCollector for BestSegment {
    type Fruit = HashMap<u64, Best>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(key) = self.column.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        let address = DocAddress::new(self.segment, doc);
        let entry = self.best.entry(key).or_insert((score, address, 0));
        if score > entry.0 {
            entry.0 = score;
            entry.1 = address;
        }
        entry.2 += 1;
    }

    fn harvest(self) -> HashMap<u64, Best> {
        self.best
    }
}
