//! Every normaliser takes any text a sender might type without panicking, and keeps the raw
//! form it was given.

use model::{Address, BirthDate, PersonName, Phone, Postcode, Vrm};
use proptest::prelude::*;
use time::macros::date;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalisers_never_panic(s in "\\PC{0,60}") {
        if let Some(n) = PersonName::parse(&s) {
            prop_assert_eq!(&n.raw, &s);
            let _ = (n.display(), n.key(), n.alias_keys());
        }
        let _ = BirthDate::parse(&s, date!(2026 - 03 - 04));
        prop_assert_eq!(Phone::parse(&s).raw, s.clone());
        prop_assert_eq!(Vrm::parse(&s).raw, s.clone());
        let _ = Postcode::parse(&s);
        let a = Address::parse(&s, Some(&s));
        prop_assert_eq!(&a.raw, &s);
        let _ = (a.normalised(), a.premises_key());
    }

    #[test]
    fn name_like_text_never_panics(s in "[A-Za-z'\\-\\. ,\\(\\)\"]{0,40}") {
        if let Some(n) = PersonName::parse(&s) {
            let _ = (n.display(), n.key());
        }
    }

    #[test]
    fn address_like_text_never_panics(s in "[A-Za-z0-9 ,\\.\\-/]{0,60}") {
        let a = Address::parse(&s, None);
        let _ = (a.normalised(), a.premises_key());
    }

    #[test]
    fn date_like_text_never_panics(s in "[0-9a-z /\\.\\-]{0,14}") {
        let _ = BirthDate::parse(&s, date!(2026 - 03 - 04));
    }
}
