//! Invented names: pools of common forenames and surnames by origin, their nicknames and
//! spelling variants, and the street names and brands of the simulated groups.
//!
//! Every simulated person's name is a random pairing from these pools, so no real person is
//! described. The pools mix origins as the population of an English county does; the origins
//! given to offenders, victims and look-alikes are the same mixes (see `world`), so that
//! nationality is never what tells an exploitation victim from a seasonal worker.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How an origin's surnames change with gender, and in which order names are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurnameStyle {
    Plain,
    /// Polish: `-ski` becomes `-ska` for women.
    Polish,
    /// Bulgarian: `-ov`/`-ev` take `-a` for women.
    Bulgarian,
    /// Lithuanian: `-as`, `-us`, `-is` become `-ienė` for (married) women.
    Lithuanian,
    /// Vietnamese: family name first, a middle name `Van` or `Thi`.
    Vietnamese,
}

/// One pool of names.
#[derive(Debug)]
pub struct Origin {
    pub key: &'static str,
    /// The nationality as records write it most often.
    pub nationality: &'static str,
    /// Other ways records write the same nationality.
    pub nationality_variants: &'static [&'static str],
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    pub surnames: &'static [&'static str],
    pub style: SurnameStyle,
}

pub const BRITISH: u8 = 0;
pub const POLISH: u8 = 1;
pub const ROMANIAN: u8 = 2;
pub const LITHUANIAN: u8 = 3;
pub const BULGARIAN: u8 = 4;
pub const SOUTH_ASIAN: u8 = 5;
pub const AFRICAN_CARIBBEAN: u8 = 6;
pub const PORTUGUESE: u8 = 7;
pub const VIETNAMESE: u8 = 8;
pub const UKRAINIAN: u8 = 9;

/// Origin weights (per thousand) of the settled background population.
pub const BACKGROUND_MIX: [u32; 10] = [740, 50, 30, 20, 10, 70, 50, 15, 5, 10];
/// Origin weights of people recruited into county lines and local drugs supply.
pub const DRUGS_MIX: [u32; 10] = [700, 20, 20, 10, 10, 80, 140, 10, 5, 5];
/// Origin weights of migrant workers: exploitation victims and lawful seasonal workers alike.
pub const MIGRANT_WORKER_MIX: [u32; 10] = [100, 150, 300, 100, 150, 0, 0, 0, 100, 100];
/// Origin weights of the women moved between flats by sexual exploitation networks.
pub const SEX_EXPLOITATION_MIX: [u32; 10] = [300, 100, 300, 50, 100, 20, 50, 20, 30, 30];

pub static ORIGINS: [Origin; 10] = [
    Origin {
        key: "british",
        nationality: "British",
        nationality_variants: &[
            "British",
            "UK",
            "GBR",
            "English",
            "british",
            "United Kingdom",
        ],
        male: &[
            "James",
            "John",
            "David",
            "Michael",
            "Daniel",
            "Thomas",
            "William",
            "Robert",
            "Christopher",
            "Matthew",
            "Andrew",
            "Joseph",
            "Anthony",
            "Mark",
            "Paul",
            "Steven",
            "Stephen",
            "Peter",
            "Richard",
            "Kevin",
            "Gary",
            "Lee",
            "Craig",
            "Darren",
            "Wayne",
            "Jason",
            "Dean",
            "Scott",
            "Ryan",
            "Liam",
            "Jack",
            "Harry",
            "Charlie",
            "George",
            "Oliver",
            "Jacob",
            "Callum",
            "Kyle",
            "Connor",
            "Reece",
            "Tyler",
            "Jordan",
            "Kieran",
            "Bradley",
            "Aaron",
            "Luke",
            "Nathan",
            "Adam",
            "Samuel",
            "Benjamin",
            "Alexander",
            "Edward",
            "Jonathan",
            "Nicholas",
            "Patrick",
            "Sean",
            "Keith",
            "Brian",
            "Kenneth",
            "Alan",
            "Ian",
            "Colin",
            "Graham",
            "Leon",
            "Mason",
            "Jayden",
            "Kai",
            "Alfie",
            "Archie",
            "Frankie",
            "Declan",
            "Rhys",
            "Owen",
            "Ethan",
            "Lewis",
            "Jamie",
            "Shane",
            "Stuart",
        ],
        female: &[
            "Sarah",
            "Emma",
            "Claire",
            "Laura",
            "Rebecca",
            "Jessica",
            "Hannah",
            "Charlotte",
            "Emily",
            "Amy",
            "Sophie",
            "Chloe",
            "Lauren",
            "Megan",
            "Jade",
            "Danielle",
            "Stacey",
            "Kelly",
            "Michelle",
            "Lisa",
            "Nicola",
            "Joanne",
            "Karen",
            "Susan",
            "Julie",
            "Angela",
            "Tracey",
            "Donna",
            "Margaret",
            "Patricia",
            "Jennifer",
            "Victoria",
            "Samantha",
            "Natalie",
            "Gemma",
            "Katherine",
            "Rachel",
            "Amber",
            "Leah",
            "Shannon",
            "Paige",
            "Courtney",
            "Olivia",
            "Ella",
            "Grace",
            "Lily",
            "Mia",
            "Evie",
            "Poppy",
            "Ruby",
            "Isabelle",
            "Abigail",
            "Eleanor",
            "Deborah",
            "Christine",
            "Sandra",
            "Pauline",
            "Janet",
            "Kayleigh",
            "Demi",
            "Jodie",
            "Elizabeth",
            "Mary",
            "Catherine",
            "Zoe",
            "Louise",
            "Kirsty",
            "Alexandra",
            "Holly",
            "Bethany",
        ],
        surnames: &[
            "Smith",
            "Jones",
            "Williams",
            "Taylor",
            "Brown",
            "Davies",
            "Evans",
            "Wilson",
            "Thomas",
            "Johnson",
            "Roberts",
            "Robinson",
            "Thompson",
            "Wright",
            "Walker",
            "White",
            "Edwards",
            "Hughes",
            "Green",
            "Hall",
            "Lewis",
            "Harris",
            "Clarke",
            "Jackson",
            "Wood",
            "Turner",
            "Martin",
            "Cooper",
            "Hill",
            "Ward",
            "Morris",
            "Moore",
            "Clark",
            "Lee",
            "King",
            "Baker",
            "Harrison",
            "Morgan",
            "Allen",
            "James",
            "Scott",
            "Phillips",
            "Watson",
            "Davis",
            "Parker",
            "Price",
            "Bennett",
            "Young",
            "Griffiths",
            "Mitchell",
            "Kelly",
            "Cook",
            "Carter",
            "Richardson",
            "Bailey",
            "Collins",
            "Bell",
            "Shaw",
            "Murphy",
            "Miller",
            "Cox",
            "Richards",
            "Marshall",
            "Anderson",
            "Simpson",
            "Ellis",
            "Adams",
            "Wilkinson",
            "Foster",
            "Chapman",
            "Powell",
            "Webb",
            "Rogers",
            "Gray",
            "Mason",
            "Hunt",
            "Campbell",
            "Matthews",
            "Owen",
            "Palmer",
            "Holmes",
            "Mills",
            "Barnes",
            "Knight",
            "Lloyd",
            "Butler",
            "Russell",
            "Barker",
            "Fisher",
            "Stevens",
            "Jenkins",
            "Murray",
            "Dixon",
            "Harvey",
            "Graham",
            "Pearson",
            "Fletcher",
            "Walsh",
            "Gibson",
            "Howard",
            "Andrews",
            "Stewart",
            "Elliott",
            "Reynolds",
            "Saunders",
            "Payne",
            "Fox",
            "Ford",
            "Pearce",
            "Day",
            "Brooks",
            "West",
            "Lawrence",
            "Cole",
            "Atkinson",
            "Bradley",
            "Spencer",
            "Dawson",
            "Ball",
            "Burton",
            "O'Brien",
            "Watts",
            "Rose",
            "Booth",
            "Perry",
            "Ryan",
            "Grant",
            "Wells",
            "Armstrong",
            "Francis",
            "Rees",
            "Hayes",
            "Hart",
            "Hudson",
            "Newman",
            "Barrett",
            "Gregory",
            "Lowe",
            "Doyle",
            "O'Connor",
            "McDonald",
            "MacLeod",
            "Fitzgerald",
            "Thorpe",
            "Sutton",
            "Whitehead",
            "Nolan",
        ],
        style: SurnameStyle::Plain,
    },
    Origin {
        key: "polish",
        nationality: "Polish",
        nationality_variants: &["Polish", "Poland", "POL", "polish"],
        male: &[
            "Piotr",
            "Krzysztof",
            "Andrzej",
            "Tomasz",
            "Paweł",
            "Michał",
            "Marcin",
            "Łukasz",
            "Jakub",
            "Mateusz",
            "Kamil",
            "Wojciech",
            "Marek",
            "Grzegorz",
            "Adam",
            "Dawid",
            "Bartosz",
            "Mariusz",
            "Aleksander",
            "Szymon",
            "Przemysław",
            "Rafał",
        ],
        female: &[
            "Anna",
            "Katarzyna",
            "Małgorzata",
            "Agnieszka",
            "Magdalena",
            "Joanna",
            "Monika",
            "Ewa",
            "Aleksandra",
            "Natalia",
            "Karolina",
            "Paulina",
            "Justyna",
            "Zofia",
            "Weronika",
            "Dorota",
        ],
        surnames: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Kwiatkowski",
            "Krawczyk",
            "Piotrowski",
            "Grabowski",
            "Nowakowski",
            "Pawłowski",
            "Michalski",
            "Król",
            "Wieczorek",
            "Jabłoński",
            "Wróbel",
            "Nowicki",
        ],
        style: SurnameStyle::Polish,
    },
    Origin {
        key: "romanian",
        nationality: "Romanian",
        nationality_variants: &["Romanian", "Romania", "ROU", "romanian", "ROM"],
        male: &[
            "Andrei",
            "Alexandru",
            "Ionuț",
            "Mihai",
            "Gheorghe",
            "Constantin",
            "Florin",
            "Marian",
            "Vasile",
            "Ștefan",
            "Adrian",
            "Cristian",
            "Daniel",
            "Bogdan",
            "Gabriel",
            "Nicolae",
            "Cătălin",
            "Dumitru",
            "Ion",
            "Costel",
        ],
        female: &[
            "Maria",
            "Elena",
            "Ioana",
            "Andreea",
            "Mihaela",
            "Ana",
            "Cristina",
            "Gabriela",
            "Alexandra",
            "Daniela",
            "Florentina",
            "Georgiana",
            "Roxana",
            "Simona",
            "Larisa",
        ],
        surnames: &[
            "Popescu",
            "Popa",
            "Ionescu",
            "Pop",
            "Radu",
            "Dumitru",
            "Stan",
            "Stoica",
            "Gheorghe",
            "Matei",
            "Ciobanu",
            "Rusu",
            "Munteanu",
            "Constantin",
            "Marin",
            "Moldovan",
            "Lungu",
            "Dinu",
            "Tudor",
            "Barbu",
            "Florea",
            "Ilie",
            "Cristea",
            "Năstase",
        ],
        style: SurnameStyle::Plain,
    },
    Origin {
        key: "lithuanian",
        nationality: "Lithuanian",
        nationality_variants: &["Lithuanian", "Lithuania", "LTU", "lithuanian"],
        male: &[
            "Tomas", "Mantas", "Darius", "Jonas", "Marius", "Paulius", "Andrius", "Lukas",
            "Vytautas", "Giedrius", "Rolandas", "Arūnas",
        ],
        female: &[
            "Rūta", "Agnė", "Eglė", "Laura", "Inga", "Jurgita", "Giedrė", "Simona", "Kristina",
        ],
        surnames: &[
            "Kazlauskas",
            "Jankauskas",
            "Petrauskas",
            "Stankevičius",
            "Vasiliauskas",
            "Žukauskas",
            "Butkus",
            "Paulauskas",
            "Urbonas",
            "Kavaliauskas",
            "Navickas",
            "Balčiūnas",
        ],
        style: SurnameStyle::Lithuanian,
    },
    Origin {
        key: "bulgarian",
        nationality: "Bulgarian",
        nationality_variants: &["Bulgarian", "Bulgaria", "BGR", "bulgarian"],
        male: &[
            "Georgi", "Dimitar", "Ivan", "Nikolay", "Petar", "Hristo", "Stoyan", "Todor",
            "Krasimir", "Plamen", "Vasil",
        ],
        female: &[
            "Maria",
            "Ivanka",
            "Elena",
            "Yordanka",
            "Desislava",
            "Petya",
            "Gergana",
            "Tsvetelina",
            "Radka",
        ],
        surnames: &[
            "Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov",
            "Todorov", "Angelov", "Kolev", "Yordanov", "Marinov",
        ],
        style: SurnameStyle::Bulgarian,
    },
    Origin {
        key: "south_asian",
        nationality: "British",
        nationality_variants: &["British", "UK", "Pakistani", "Indian", "Bangladeshi", "GBR"],
        male: &[
            "Mohammed", "Imran", "Ahmed", "Ali", "Hassan", "Usman", "Bilal", "Zain", "Adeel",
            "Asif", "Tariq", "Rizwan", "Amir", "Arjun", "Rahul", "Sanjay", "Vikram", "Gurpreet",
            "Rajesh", "Anil", "Sunil", "Faisal", "Kamran", "Shahid", "Yusuf", "Ibrahim", "Harjit",
            "Nadeem",
        ],
        female: &[
            "Fatima", "Ayesha", "Aisha", "Zara", "Sana", "Amina", "Nadia", "Samina", "Shabana",
            "Priya", "Anjali", "Pooja", "Sunita", "Neha", "Rukhsana", "Nasreen", "Parveen",
            "Simran", "Mariam", "Hafsa",
        ],
        surnames: &[
            "Khan", "Ahmed", "Ali", "Hussain", "Patel", "Shah", "Akhtar", "Iqbal", "Malik",
            "Mahmood", "Rashid", "Chaudhry", "Butt", "Qureshi", "Rahman", "Islam", "Uddin", "Miah",
            "Singh", "Sharma", "Gupta", "Kumar", "Sandhu", "Gill", "Bains", "Siddiqui", "Anwar",
            "Mistry",
        ],
        style: SurnameStyle::Plain,
    },
    Origin {
        key: "african_caribbean",
        nationality: "British",
        nationality_variants: &[
            "British", "UK", "Nigerian", "Ghanaian", "Somali", "Jamaican",
        ],
        male: &[
            "Kwame",
            "Kofi",
            "Emmanuel",
            "Samuel",
            "David",
            "Michael",
            "Daniel",
            "Joseph",
            "Tunde",
            "Chinedu",
            "Oluwaseun",
            "Ibrahim",
            "Abdi",
            "Mohamed",
            "Tyrone",
            "Marcus",
            "Jermaine",
            "Andre",
            "Delroy",
            "Leon",
            "Nathaniel",
            "Isaac",
            "Elijah",
            "Malachi",
        ],
        female: &[
            "Grace",
            "Blessing",
            "Esther",
            "Abena",
            "Ama",
            "Adwoa",
            "Chioma",
            "Ngozi",
            "Funmilayo",
            "Fatuma",
            "Amina",
            "Hodan",
            "Shanice",
            "Tia",
            "Keisha",
            "Jasmine",
            "Precious",
            "Faith",
        ],
        surnames: &[
            "Mensah", "Owusu", "Asante", "Boateng", "Okafor", "Adeyemi", "Okonkwo", "Adebayo",
            "Oyelaran", "Mohamed", "Abdi", "Hassan", "Warsame", "Campbell", "Brown", "Williams",
            "Thompson", "Grant", "Francis", "Reid", "Clarke", "Henry", "Johnson", "Lewis",
        ],
        style: SurnameStyle::Plain,
    },
    Origin {
        key: "portuguese",
        nationality: "Portuguese",
        nationality_variants: &["Portuguese", "Portugal", "PRT", "portuguese"],
        male: &[
            "João", "José", "António", "Manuel", "Rui", "Pedro", "Tiago", "Nuno", "Miguel", "Bruno",
        ],
        female: &[
            "Ana", "Maria", "Sofia", "Beatriz", "Inês", "Catarina", "Joana", "Rita",
        ],
        surnames: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Gomes",
        ],
        style: SurnameStyle::Plain,
    },
    Origin {
        key: "vietnamese",
        nationality: "Vietnamese",
        nationality_variants: &["Vietnamese", "Vietnam", "VNM", "vietnamese", "Viet Nam"],
        male: &[
            "Minh", "Tuan", "Hung", "Duc", "Quang", "Thanh", "Long", "Nam", "Hieu", "Khanh",
        ],
        female: &["Lan", "Linh", "Huong", "Mai", "Thu", "Trang", "Ngoc", "Hoa"],
        surnames: &[
            "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do",
        ],
        style: SurnameStyle::Vietnamese,
    },
    Origin {
        key: "ukrainian",
        nationality: "Ukrainian",
        nationality_variants: &["Ukrainian", "Ukraine", "UKR", "ukrainian"],
        male: &[
            "Oleksandr",
            "Andriy",
            "Serhiy",
            "Dmytro",
            "Mykola",
            "Volodymyr",
            "Taras",
            "Yuriy",
            "Bohdan",
            "Vasyl",
        ],
        female: &[
            "Olena", "Nataliya", "Iryna", "Oksana", "Tetiana", "Yulia", "Svitlana", "Kateryna",
        ],
        surnames: &[
            "Shevchenko",
            "Kovalenko",
            "Bondarenko",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Boyko",
            "Koval",
            "Oliynyk",
            "Lysenko",
            "Marchenko",
            "Rudenko",
        ],
        style: SurnameStyle::Plain,
    },
];

/// Nicknames, short forms and spelling or transliteration variants of forenames, as records
/// write them for the same person.
const FORENAME_VARIANTS: &[(&str, &[&str])] = &[
    ("James", &["Jim", "Jimmy", "Jamie", "Jas"]),
    ("John", &["Jon", "Johnny", "Jack", "Jonny"]),
    ("Jonathan", &["Jon", "Jonny", "Johnathan"]),
    ("David", &["Dave", "Davey", "Davy"]),
    ("Michael", &["Mike", "Mick", "Mikey", "Micheal"]),
    ("Daniel", &["Dan", "Danny", "Danial"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("William", &["Bill", "Will", "Billy", "Liam"]),
    ("Robert", &["Rob", "Bob", "Bobby", "Robbie"]),
    ("Christopher", &["Chris", "Kristopher", "Christoper"]),
    ("Matthew", &["Matt", "Mathew"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Anthony", &["Tony", "Ant", "Antony"]),
    ("Steven", &["Steve", "Stephen", "Stevie"]),
    ("Stephen", &["Steve", "Steven"]),
    ("Peter", &["Pete"]),
    ("Richard", &["Rich", "Rick", "Dick", "Richie"]),
    ("Kevin", &["Kev"]),
    ("Samuel", &["Sam", "Sammy"]),
    ("Benjamin", &["Ben", "Benji"]),
    ("Alexander", &["Alex", "Xander"]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Nicholas", &["Nick", "Nicky", "Nicolas"]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Charlie", &["Charles", "Chas"]),
    ("Callum", &["Calum", "Cal"]),
    ("Reece", &["Rees", "Reese", "Rhys"]),
    ("Kieran", &["Kieron", "Ciaran"]),
    ("Connor", &["Conor"]),
    ("Jayden", &["Jaden", "Jaydon"]),
    ("Bradley", &["Brad"]),
    ("Jacob", &["Jake"]),
    ("Frankie", &["Frank", "Francis"]),
    ("Archie", &["Archibald"]),
    ("Alfie", &["Alfred", "Alf"]),
    (
        "Elizabeth",
        &["Liz", "Beth", "Lizzie", "Betty", "Elisabeth"],
    ),
    ("Margaret", &["Maggie", "Peggy", "Meg"]),
    (
        "Katherine",
        &["Kate", "Kathy", "Katie", "Catherine", "Kathryn"],
    ),
    ("Catherine", &["Cath", "Cathy", "Katherine", "Kate"]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Rebecca", &["Becky", "Becca", "Rebekah"]),
    ("Victoria", &["Vicky", "Tori", "Vikki"]),
    ("Samantha", &["Sam", "Sammy"]),
    ("Alexandra", &["Alex", "Lexi", "Sandra", "Aleksandra"]),
    ("Jessica", &["Jess", "Jessie"]),
    ("Deborah", &["Debbie", "Deb", "Debra"]),
    ("Susan", &["Sue", "Susie", "Suzanne"]),
    ("Patricia", &["Pat", "Trish", "Tricia"]),
    ("Christine", &["Chris", "Chrissie", "Christina"]),
    ("Abigail", &["Abbie", "Abby", "Abi"]),
    ("Eleanor", &["Ellie", "Nell", "Elinor"]),
    ("Natalie", &["Nat", "Nathalie"]),
    ("Nicola", &["Nicky", "Nikki"]),
    ("Joanne", &["Jo", "Joanna"]),
    ("Kayleigh", &["Kayley", "Kaylee", "Kaleigh"]),
    ("Isabelle", &["Izzy", "Isabel", "Bella"]),
    ("Zoe", &["Zoë", "Zoey"]),
    ("Tracey", &["Tracy"]),
    (
        "Mohammed",
        &["Muhammad", "Mohammad", "Mohamed", "Mohd", "Mo"],
    ),
    ("Mohamed", &["Mohammed", "Mohamud", "Mo"]),
    ("Yusuf", &["Yousuf", "Yousaf", "Yusef"]),
    ("Usman", &["Osman", "Uthman"]),
    ("Hassan", &["Hasan"]),
    ("Ahmed", &["Ahmad", "Ahmet"]),
    ("Shahid", &["Shaheed"]),
    ("Faisal", &["Faysal"]),
    ("Ibrahim", &["Ebrahim", "Ibby"]),
    ("Ayesha", &["Aisha", "Aysha"]),
    ("Aisha", &["Ayesha", "Aishah"]),
    ("Fatima", &["Fatimah", "Fatma"]),
    ("Mariam", &["Maryam", "Miriam"]),
    ("Oluwaseun", &["Seun", "Shaun"]),
    ("Chinedu", &["Chi", "Nedu"]),
    ("Funmilayo", &["Funmi"]),
    ("Emmanuel", &["Manny", "Emanuel"]),
    ("Nathaniel", &["Nathan", "Nate"]),
    ("Malachi", &["Malakai"]),
    ("Aleksander", &["Olek", "Alek", "Alexander", "Aleksandr"]),
    ("Katarzyna", &["Kasia", "Kate"]),
    ("Małgorzata", &["Gosia", "Malgorzata", "Margaret"]),
    ("Wojciech", &["Wojtek", "Voytek"]),
    ("Krzysztof", &["Krzys", "Chris", "Kris"]),
    ("Łukasz", &["Lukasz", "Luke", "Lucas"]),
    ("Tomasz", &["Tomek", "Tom"]),
    ("Piotr", &["Peter", "Piotrek"]),
    ("Paweł", &["Pawel", "Paul"]),
    ("Michał", &["Michal", "Michael"]),
    ("Przemysław", &["Przemek", "Przemyslaw"]),
    ("Rafał", &["Rafal"]),
    ("Jakub", &["Kuba", "Jacob"]),
    ("Mateusz", &["Matt", "Mateus"]),
    ("Ionuț", &["Ionut", "John"]),
    ("Ștefan", &["Stefan", "Steven"]),
    ("Cătălin", &["Catalin"]),
    ("Gheorghe", &["George", "Gigi"]),
    ("Alexandru", &["Alex", "Alexander"]),
    ("Mihai", &["Michael", "Mihail"]),
    ("Andreea", &["Andrea"]),
    ("Vasile", &["Vasilie"]),
    ("Arūnas", &["Arunas"]),
    ("Rūta", &["Ruta"]),
    ("Agnė", &["Agne"]),
    ("Eglė", &["Egle"]),
    ("Giedrė", &["Giedre"]),
    ("Nikolay", &["Nikolai", "Nicolai"]),
    ("Hristo", &["Christo", "Risto"]),
    ("Georgi", &["George", "Georgy"]),
    ("Dimitar", &["Dimitri", "Mitko"]),
    ("João", &["Joao", "John"]),
    ("José", &["Jose"]),
    ("António", &["Antonio", "Tony"]),
    ("Inês", &["Ines"]),
    (
        "Oleksandr",
        &["Olexandr", "Aleksandr", "Alexander", "Sasha"],
    ),
    ("Andriy", &["Andrii", "Andrew", "Andrey"]),
    ("Serhiy", &["Serhii", "Sergiy", "Sergey"]),
    ("Dmytro", &["Dmitro", "Dmitry"]),
    ("Yuriy", &["Yurii", "Iurii", "Yuri"]),
    ("Volodymyr", &["Vladimir", "Volodya"]),
    ("Nataliya", &["Natalia", "Natalya"]),
    ("Tetiana", &["Tatiana", "Tetyana"]),
    ("Yulia", &["Yuliia", "Julia"]),
    ("Kateryna", &["Katerina", "Katya"]),
];

/// Spelling variants of surnames.
const SURNAME_VARIANTS: &[(&str, &[&str])] = &[
    ("Hussain", &["Hussein", "Husain"]),
    ("Chaudhry", &["Choudhury", "Chowdhury", "Chaudhary"]),
    ("Mahmood", &["Mahmud", "Mehmood"]),
    ("Mohamed", &["Mohammed", "Mohamud"]),
    ("Rahman", &["Rehman"]),
    ("Siddiqui", &["Siddiqi"]),
    ("Qureshi", &["Kureshi"]),
    ("MacLeod", &["McLeod"]),
    ("McDonald", &["MacDonald"]),
    ("O'Brien", &["OBrien", "O Brien"]),
    ("O'Connor", &["OConnor", "O Connor"]),
    ("Thompson", &["Thomson"]),
    ("Clarke", &["Clark"]),
    ("Clark", &["Clarke"]),
    ("Davies", &["Davis"]),
    ("Davis", &["Davies"]),
    ("Matthews", &["Mathews"]),
    ("Phillips", &["Philips"]),
    ("Reynolds", &["Reynold"]),
    ("Gray", &["Grey"]),
    ("Stevens", &["Stephens"]),
    ("Okonkwo", &["Okonko"]),
    ("Oyelaran", &["Oyelarin"]),
    ("Shevchenko", &["Shevchenco", "Schewtschenko"]),
    ("Kovalenko", &["Kowalenko"]),
    ("Tkachenko", &["Tkatchenko"]),
    ("Oliynyk", &["Oliinyk", "Oleynik"]),
    ("Melnyk", &["Melnik"]),
];

static FORENAME_INDEX: LazyLock<HashMap<&'static str, &'static [&'static str]>> =
    LazyLock::new(|| FORENAME_VARIANTS.iter().copied().collect());
static SURNAME_INDEX: LazyLock<HashMap<&'static str, &'static [&'static str]>> =
    LazyLock::new(|| SURNAME_VARIANTS.iter().copied().collect());

/// Other ways of writing a forename for the same person (may be empty).
pub fn forename_variants(forename: &str) -> &'static [&'static str] {
    FORENAME_INDEX.get(forename).copied().unwrap_or(&[])
}

/// Other spellings of a surname (may be empty).
pub fn surname_variants(surname: &str) -> &'static [&'static str] {
    SURNAME_INDEX.get(surname).copied().unwrap_or(&[])
}

/// The surname as borne by a man or a woman of the origin's naming style.
pub fn gendered_surname(style: SurnameStyle, surname: &str, female: bool) -> String {
    if !female {
        return surname.to_string();
    }
    match style {
        SurnameStyle::Polish => {
            for (m, f) in [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")] {
                if let Some(stem) = surname.strip_suffix(m) {
                    return format!("{stem}{f}");
                }
            }
            surname.to_string()
        }
        SurnameStyle::Bulgarian => {
            if surname.ends_with("ov") || surname.ends_with("ev") {
                format!("{surname}a")
            } else {
                surname.to_string()
            }
        }
        SurnameStyle::Lithuanian => {
            for m in ["as", "us", "is"] {
                if let Some(stem) = surname.strip_suffix(m) {
                    return format!("{stem}ienė");
                }
            }
            surname.to_string()
        }
        SurnameStyle::Plain | SurnameStyle::Vietnamese => surname.to_string(),
    }
}

/// Folds the diacritics of the names in these pools to ASCII, as a keyboard without them
/// writes them (`Łukasz` → `Lukasz`, `Ștefan` → `Stefan`).
pub fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ą' | 'ă' | 'â' | 'á' | 'à' | 'ã' => 'a',
            'Ą' | 'Ă' | 'Â' | 'Á' | 'À' | 'Ã' => 'A',
            'ć' | 'č' | 'ç' => 'c',
            'Ć' | 'Č' | 'Ç' => 'C',
            'ę' | 'ė' | 'é' | 'ê' => 'e',
            'Ę' | 'Ė' | 'É' | 'Ê' => 'E',
            'î' | 'í' | 'į' => 'i',
            'Î' | 'Í' | 'Į' => 'I',
            'ł' => 'l',
            'Ł' => 'L',
            'ń' => 'n',
            'Ń' => 'N',
            'ó' | 'ô' | 'õ' => 'o',
            'Ó' | 'Ô' | 'Õ' => 'O',
            'ś' | 'ș' | 'š' => 's',
            'Ś' | 'Ș' | 'Š' => 'S',
            'ț' => 't',
            'Ț' => 'T',
            'ū' | 'ú' => 'u',
            'Ū' | 'Ú' => 'U',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            'ë' => 'e',
            other => other,
        })
        .collect()
}

/// Street names that members of county lines and gangs are known by.
pub const STREET_ALIASES: &[&str] = &[
    "Tiny", "Lil J", "Smokey", "Reds", "Skinny", "Bossman", "Trapz", "Ghost", "Chino", "Rocco",
    "Benz", "Dex", "Kash", "Milli", "Nitro", "Ozzy", "Pepsi", "Ratty", "Scrappy", "Titch", "Zeus",
    "Wizz", "Krazy", "Bugsy", "Shadow", "Blue", "Snipes", "Tank", "Biggs", "Moony", "Spider",
    "Jinx", "Fuzz", "Marley", "Stretch", "Digga", "Loco", "Vex", "Rambo", "Ninja",
];

/// The brands county lines trade under.
pub const LINE_BRANDS: &[&str] = &[
    "JAY", "BANDO", "TEDDY", "MOJO", "ZED", "ACE", "DEE", "TIGER", "BRAVO", "VEE", "KANE", "RICO",
    "BLADE", "MILLS", "FLEX", "TANK", "BIGZ", "SNOW", "CASPER", "NIKE", "DOLLAR", "MARLEY",
    "SPEEDY", "ROCKY", "K2", "FROSTY", "BOLT", "LUCKY", "SONIC", "GUNNER",
];

/// Names used in online adverts for the women moved between flats.
pub const WORKING_NAMES: &[&str] = &[
    "Bella", "Lola", "Angel", "Candy", "Sasha", "Roxy", "Kitty", "Nikki", "Crystal", "Destiny",
    "Jasmin", "Coco", "Mimi", "Barbie", "Honey", "Lexi",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check_surname(style: SurnameStyle, male: &str, female: &str) {
        assert_eq!(gendered_surname(style, male, true), female);
        assert_eq!(gendered_surname(style, male, false), male);
    }

    #[test]
    fn surnames_take_their_feminine_forms() {
        check_surname(SurnameStyle::Polish, "Kowalski", "Kowalska");
        check_surname(SurnameStyle::Polish, "Nowak", "Nowak");
        check_surname(SurnameStyle::Bulgarian, "Ivanov", "Ivanova");
        check_surname(SurnameStyle::Lithuanian, "Kazlauskas", "Kazlauskienė");
        check_surname(SurnameStyle::Plain, "Smith", "Smith");
    }

    #[test]
    fn variants_and_folding() {
        assert!(forename_variants("William").contains(&"Bill"));
        assert!(forename_variants("Nobody").is_empty());
        assert!(surname_variants("Hussain").contains(&"Hussein"));
        assert_eq!(strip_diacritics("Łukasz Wójcik"), "Lukasz Wojcik");
        assert_eq!(strip_diacritics("Ștefan Năstase"), "Stefan Nastase");
    }

    #[test]
    fn every_pool_is_filled_and_every_mix_covers_the_pools() {
        for o in &ORIGINS {
            assert!(o.male.len() >= 8 && o.female.len() >= 8, "{}", o.key);
            assert!(o.surnames.len() >= 10, "{}", o.key);
        }
        for mix in [
            BACKGROUND_MIX,
            DRUGS_MIX,
            MIGRANT_WORKER_MIX,
            SEX_EXPLOITATION_MIX,
        ] {
            assert_eq!(mix.len(), ORIGINS.len());
            assert!(mix.iter().sum::<u32>() > 0);
        }
    }
}
