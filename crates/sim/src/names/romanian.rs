//! Romanian names: surnames on the frequency curve of Romania's population (Popa, Popescu and
//! Pop each under 1%; the hundredth name about 0.05%) and forenames of the generations who
//! have come to work in England.
//!
//! Romanian surnames are mostly built: a father's or ancestor's name with `-escu` (Ionescu,
//! Dumitrescu), a home region or place with `-eanu` (Munteanu, Olteanu), a trade with `-aru`
//! (Cojocaru, Rotaru), pet forms in `-ache`, `-ică`, `-oiu`. The long tail is built that way.
//! Two given names are usual (`Marian Ionuț`, `Ana Maria`), so middle names are common.

use super::model::{Cohort, Given, Surnames, Tradition, stems_with_suffixes};

const LISTED: &str = "
Popa Popescu Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Constantin Ionescu Rusu Mihai
Munteanu Ion Florea Moldovan Marin Dinu Tudor Lazăr Barbu Cristea Diaconu Dobre Nistor Toma Ene
Lupu Ilie Nagy Enache Mocanu Sandu Șerban Vasile Preda Oprea Anghel Zamfir Stanciu Neagu
Dumitrescu Georgescu Stănescu Constantinescu Nicolae Manole Petre Iordache Voicu Ardelean Bucur
Roman Vlad Dragomir Moraru Crăciun Sârbu Andrei Iancu Pavel Dobrescu Rădulescu Niculescu Ioniță
Tănase Coman Dima Cojocaru Olteanu Muntean Grigore Nedelcu Ungureanu Lungu Chiriac Stoian
Costache Drăgan Neacșu Badea Alexandru Ciocan Bălan Rotaru Cozma Păun Avram Filip Gavrilă Husar
Ispas Jitaru Manea Marinescu Mitrea Niță Oancea Pîrvu Răducanu Sima Suciu Ursu Văduva Zaharia
Lakatos Kovács Szabó Tóth Varga Farkas Molnár Balogh Kiss Fazekas
";

const CURVE: &[(u32, f64)] = &[
    (1, 9_500.0),
    (2, 7_600.0),
    (3, 7_000.0),
    (4, 5_500.0),
    (5, 5_000.0),
    (10, 3_500.0),
    (20, 2_000.0),
    (50, 1_000.0),
    (100, 500.0),
    (300, 150.0),
    (1_000, 40.0),
];

const ROOTS: &str = "
Ion: escu ache ică oiu așcu
Petr: escu ache ovici iu uț
Vasil: escu ache iu
Dumitr: escu ache iu
Georg: escu iu
Nicul: escu
Nicol: escu au
Rădul: escu
Stăn: escu oiu ică
Marin: ache uș
Mihăil: escu
Grigor: escu iu aș
Tom: escu ulescu
Manol: escu ache
Iordăn: escu
Andre: escu
Anton: escu ache
Bărbul: escu
Crist: escu ache
Dragomir: escu
Flor: escu ian
Gavril: escu uț
Ili: escu uță
Lăzăr: escu oiu
Mat: eescu eiu
Pred: escu oiu
Săv: escu u
Teodor: escu
Tudor: ache an escu
Enăch: escu
Cost: escu ea in inescu
Panait: escu
Dobr: ică oiu in
Negr: escu u ea ilă
Alb: u escu ulescu
Rus: escu eanu
Lung: escu eanu
Grec: u eanu
Ungur: eanu
Munt: eanu
Ardel: eanu
Moldov: eanu
Codr: eanu
Câmp: eanu
Pădur: eanu
Văl: eanu
Lunc: eanu
Dobrog: eanu
Bucur: escu eanu
Slătin: eanu
Brăil: eanu
Cern: eanu
Dunăr: eanu
Vrânc: eanu
Bârlăd: eanu
Gorj: an eanu
Deal: u eanu
Măgur: eanu
Poen: aru
Fier: aru
Olar: u iu
Rot: aru
Dog: aru
Cojoc: ariu
Pesc: aru
Pietr: aru
Păcur: aru
Zid: aru
Croit: oru
Morar: iu
Lup: u așcu escu
Urs: ache u ulescu
Corb: u escu
Cuc: u
Vulp: e escu
Graur: -
Bivol: aru
Pop: ovici escu a
Stoian: ovici
Dinc: ă escu
Voic: ulescu u
Bogd: an ănescu
Buz: atu
Căp: ățână
Cioc: an ârlan
Cior: an
Dan: ciu ilă
Dim: a ache itriu
Drăg: an ulescu oi
Făgăr: ășanu
Gherg: hel
Hâr: țan
Iacob: escu
Iosif: escu
Lăcătuș: u
Mân: ea escu
Mircea: -
Moc: anu
Mur: eșan
Nedel: cu ea
Oan: cea ea
Onu: -
Pârv: an ulescu
Pascu: -
Pătr: așcu
Prodan: -
Rad: ovici
Rădu: ca
Roș: u ca
Sârb: u
Sav: a in
Simion: escu
Spiridon: -
Stoic: ulescu
Surd: u
Șerb: ănescu
Tănas: e escu
Tăt: aru ăran
Todor: an ache
Trandaf: ir
Ursac: he
Vișan: -
Vlăd: escu uț oiu
Zăvoi: anu
";

/// Forename roots that take `-escu` and `-ache`: Victorescu, Marinache.
const NAME_ROOTS: &str = "
Aurel Bogdan Cazan Chiri Coman Cornel Dan Dinc Dragn Emil Filip Gavril Ghiț Iacob Iosif Ivan
Leont Lucian Man Mihal Mitr Moise Neacș Niț Oct Opr Ovid Pârv Pavl Sand Silv Simion Sorin Stoic
Ștef Tit Trai Tudos Valer Victor Virgil Vlad Zamfir Alex Bratu Coste Drag Fănic Gelu Horaț Ilin
Lazar Luc Marcu Nistor Olt Rad Sab Sav Stoian Teodos Ursach Vasil
";

/// Places and features that take `-eanu`, a person from there: Vâlceanu, Pietreanu.
const PLACE_ROOTS: &str = "
Argeș Bistriț Brașov Buzoi Cluj Craiov Ialomiț Prahov Sibi Suceav Timiș Vâlc Bălt Izvor Pietr
Stânc Pădur Dumbrav Ses Podg Vad Zăvoi Comăn Feleac Hațeg Iaș Mehedinț Mureș Nămăiești Olten
Rucăr Săcel Tecuc Turd Vaslu Zlatn
";

fn generated() -> Vec<String> {
    let mut out = stems_with_suffixes(ROOTS);
    for root in NAME_ROOTS.split_whitespace() {
        out.push(format!("{root}escu"));
        out.push(format!("{root}ache"));
    }
    for root in PLACE_ROOTS.split_whitespace() {
        out.push(format!("{root}eanu"));
    }
    out
}

const SURNAMES: Surnames = Surnames {
    listed: &[LISTED],
    curve: CURVE,
    generated: Some(generated),
    rarest: None,
    personal_male: &[],
    personal_female: &[],
};

const MALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Ion Gheorghe Vasile Constantin Nicolae Ioan Mihai Dumitru Marian Petru
                Alexandru Florin Daniel Dan Adrian Cristian Gabriel Viorel Costel Marin Ștefan
                Aurel Doru Liviu Ovidiu Sorin Dorin Valentin Eugen Iulian Lucian Mircea Nicușor
                Traian Virgil Emil Cornel Radu Victor Silviu Tudor",
            coverage: 0.85,
            top: 0.07,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Andrei Alexandru Ionuț Mihai Cristian Florin Marian Adrian Daniel Gabriel
                Bogdan Ștefan Cătălin Alin Marius Răzvan Mădălin Claudiu Sorin Lucian Iulian
                Ovidiu Sebastian Robert Cosmin Vlad David Darius Denis Eduard Valentin Laurențiu
                Georgian Florian Ciprian Paul Nicolae Costin Dragoș Emanuel Rareș Raul Mario",
            coverage: 0.8,
            top: 0.05,
        },
    ],
    rare: "Aurelian Bebe Bogdan Călin Cezar Ciprian Costică Dănuț Dorel Emilian Fănel Felix
        Gelu Horia Ionel Iosif Laurian Lică Marcel Mitică Nelu Octavian Petrică Remus Sergiu
        Sever Teodor Titus Toma Valeriu Vasilică Vlăduț",
    middle_rate: 0.5,
    middles: "Ionuț Ion Ioan Marian Florin Cristian Daniel Mihai Alexandru Gabriel Costel Adrian
        Nicușor Cătălin Constantin Vasile",
    middle_top: 0.12,
    middle_from_forenames: 0.6,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Maria Elena Ioana Mariana Georgeta Gabriela Daniela Cristina Mihaela Rodica
                Viorica Doina Lenuța Florica Vasilica Aurelia Elisabeta Angela Carmen Liliana
                Adriana Monica Simona Luminița Camelia Corina Nicoleta Ana Ecaterina Aurora
                Margareta Valentina Silvia Lucia Dorina Victoria Marioara Anca Irina",
            coverage: 0.85,
            top: 0.08,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Andreea Elena Ioana Maria Alexandra Cristina Mihaela Gabriela Alina Ana
                Daniela Nicoleta Ionela Georgiana Raluca Simona Roxana Ramona Adriana Loredana
                Larisa Diana Bianca Denisa Oana Iuliana Claudia Florentina Mădălina Petronela
                Teodora Anca Irina Lavinia Corina Cosmina Alexia Antonia Sara Delia Laura",
            coverage: 0.8,
            top: 0.06,
        },
    ],
    rare: "Alina Aurica Beatrice Ancuța Catinca Codruța Dana Dumitra Emilia Felicia Fănica
        Geanina Ileana Ilinca Jeni Lăcrămioara Lidia Livia Marinela Mirela Narcisa Otilia
        Paula Sanda Sorina Stela Tatiana Violeta Veronica Zamfira",
    middle_rate: 0.55,
    middles: "Maria Elena Ana Ioana Cristina Mădălina Florentina Andreea Georgiana Alexandra
        Mihaela Gabriela Daniela Nicoleta",
    middle_top: 0.25,
    middle_from_forenames: 0.5,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "romanian",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
