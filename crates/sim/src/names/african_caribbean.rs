//! African and Caribbean names as British families of Caribbean, Nigerian, Ghanaian and Somali
//! heritage bear them, each community its own tradition (the 2021 census: about 0.6 million
//! people of Black Caribbean and 1.5 million of Black African heritage in England and Wales,
//! Nigerians, Ghanaians and Somalis the largest African communities).
//!
//! Caribbean families mostly bear British surnames (Campbell, Williams, Brown are as common in
//! Jamaica as in England). Yoruba surnames are compounds of a few elements (`Ade` crown, `Olu`
//! lord, `Ogun`, `Akin` valour, with `-yemi`, `-wale`, `-bayo` …), and the tail is built from
//! them. Somali surnames are the father's forename, so they are few and common, and the
//! father's name is also the usual middle name.

use super::model::{Cohort, Given, Surnames, Tradition};

const CARIBBEAN_SURNAMES: &str = "
Campbell Williams Brown Smith Thompson Johnson Grant Francis Reid Clarke Henry Lewis Wright
Morgan Bailey Edwards Allen Robinson Walker Richards Gordon Anderson Stewart Wilson Jones Davis
Taylor Bennett Samuels Christie McKenzie Gayle Spence Powell Forbes Dixon Barrett Blake Graham
Hamilton Lindo Morrison Palmer Ricketts Scott Simpson Walters Whyte Hinds Joseph Charles James
Thomas Phillips Bryan Daley Facey Gooden Haughton Hylton Lawrence Mullings Nembhard Ormsby
Pinnock Rowe Salmon Sinclair Tulloch Beckford Bogle Chambers Dacres Ebanks Foster Green Harvey
Jackson Kerr Lawson Mitchell Nelson Osbourne Patterson Roberts Russell Shaw Sterling Watson
Wallace Young Bernard Bloomfield Brissett Bromfield Buchanan Cunningham Dawkins Dunkley Ellis
Ferguson Fraser Gentles Harriott Hibbert Ivey Jarrett Kelly Lyons Malcolm Marsh McFarlane McLean
Murray Nugent Peart Pryce Quarrie Reynolds Riley Sewell Smikle Stephenson Tomlinson Vassell
Wedderburn Wint Wynter Yapp
";

const NIGERIAN_SURNAMES: &str = "
Adeyemi Adebayo Okafor Okonkwo Eze Ogunleye Olawale Adewale Okeke Nwosu Ibrahim Bello Balogun
Lawal Afolabi Ajayi Akinola Oladipo Nwankwo Obi Okoro Okoye Nwachukwu Ogunbiyi Adeleke Adeniyi
Salami Sanni Oyelaran Akintola Olatunji Babatunde Bamidele Fashola Oyewole Onyeka Chukwu Igwe
Anyanwu Ugwu Udeh Onuoha Emenike Agu Ezeh Okpara Oni Alabi Adesanya Olaniyan Ayodele Usman Musa
Abubakar Yusuf Suleiman Aliyu Idris Osagie Omoregie Igbinedion Ehigiator Okon Effiong Etim
Bassey Akpan Udo Edet Inyang Ekpo Okoh Ikpe Ogbonna Uzoma Nnadi Ibe Iwu Nweke Nwafor Nwoye
Nwaogu Nwadike Nwabueze Nwogu Nwokolo Nwuba Okoli Okwu Okorie Okolie Okonji Okezie Ezeani
Ezenwa Ezeoke Ezekwe Ezeife Obiora Obinna Obiakor Obidike Onwuka Onyema Onyeama Chukwuemeka
Chukwuma Chukwudi Chukwuka Nnamdi Mbah Mbanefo Nnaji Ogbu Ohaeri Onuorah Orji Uche Uzor Ekwueme
Amadi Anene Anozie Asika
";

/// Yoruba surname elements.
const YORUBA_FIRST: &str = "Ade Ola Olu Akin Ogun Oye Ayo Fola";
const YORUBA_SECOND: &str = "yemi bayo wale leke niyi sanya tola yinka kunle bisi leye biyi dipo
    lana tunji dele kanmi yele wole sola femi tayo bode jide moye lokun toye mide runmi";

fn nigerian_generated() -> Vec<String> {
    let mut out = Vec::new();
    for first in YORUBA_FIRST.split_whitespace() {
        for second in YORUBA_SECOND.split_whitespace() {
            out.push(format!("{first}{second}"));
        }
    }
    out
}

const GHANAIAN_SURNAMES: &str = "
Mensah Owusu Boateng Asante Osei Appiah Agyeman Amoah Opoku Darko Frimpong Antwi Adjei Ansah
Acheampong Bonsu Sarpong Gyamfi Danso Addo Quaye Quartey Tetteh Ofori Asamoah Badu Yeboah Kyei
Ampofo Asiedu Boakye Agyei Amponsah Anane Aboagye Adomako Afriyie Agyapong Amankwah Amoako Annan
Arthur Baffour Bediako Donkor Dwamena Fosu Gyasi Kwarteng Manu Nkansah Nyarko Obeng Ocran
Oduro Okyere Poku Sackey Takyi Wiredu Yankey Acquah Addai Adu Agyemang Aidoo Akoto Amankona
Amofa Ankrah Antwi-Boasiako Arhin Asare Ashong Atta Awuah Ayeh Bekoe Boadi Bosompem Dankwa
Duah Essien Forson Gyan Hayford Kusi Larbi Lartey Mensah-Bonsu Nkrumah Nortey Odoom Ofosu
Okai Oppong Osafo Otoo Owusu-Ansah Quansah Sam Sey Tawiah Twum Wiafe
";

const SOMALI_SURNAMES: &str = "
Mohamed Ahmed Ali Abdi Hassan Hussein Omar Osman Yusuf Ibrahim Farah Warsame Jama Abdullahi
Abdirahman Aden Ismail Nur Salah Said Egal Elmi Dahir Abdulle Mohamud Mahamed Guled Hersi Hirsi
Duale Gedi Shire Samatar Bashir Barre Hashi Isse Muse Noor Olow Sheikh Yasin Abdillahi Adan
Awale Diriye Farah Gure Haji Hared Jibril Kahin Mahdi Mire Mohamoud Nuh Roble Sahal Sugule
Waberi Warsame Yonis Abdikadir Abdinur Ahmed-Nur Aw Bile Dualeh Fiqi
";

const CARIBBEAN: Tradition = Tradition {
    key: "caribbean",
    weight: 400,
    surnames: Surnames {
        listed: &[CARIBBEAN_SURNAMES],
        curve: &[
            (1, 22_000.0),
            (5, 15_000.0),
            (10, 10_000.0),
            (20, 6_000.0),
            (50, 3_000.0),
            (100, 1_500.0),
            (150, 900.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1975,
                names: "Winston Delroy Lloyd Errol Clive Leroy Carlton Everton Linton Desmond
                    Neville Trevor Wesley Lincoln Fitzroy Hopeton Milton Ainsley Cecil Roy Wayne
                    Barrington Derrick Donovan Glenroy Lascelles Marcus Michael Paul Anthony
                    Courtney Dalton Denzil Keith Lennox Orville Rupert Vincent",
                coverage: 0.8,
                top: 0.04,
            },
            Cohort {
                born_before: 1995,
                names: "Jermaine Tyrone Marcus Andre Dwayne Leon Kareem Jamal Shane Kyle Nathan
                    Reuben Jordan Daniel Michael Anthony Darren Marlon Jason Dean Ricardo Kevin
                    Richard Adrian Carl Christopher Damian Delano Devon Dion Garfield Jerome Kirk
                    Lamar Levi Omar Rohan Sheldon Terrell Tristan Tyrell",
                coverage: 0.78,
                top: 0.035,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Isaiah Elijah Malachi Josiah Kai Zion Tyreke Jaden Tyrese Jayden Nathaniel
                    Joshua Reuben Jordan Kyrie Amari Ezekiel Micah Jamal Khalil Deshawn Kemar
                    Tyler Theo Noah Caleb Jacob Daniel Jahmai Jaylen Nile Ashton Andre",
                coverage: 0.75,
                top: 0.03,
            },
        ],
        rare: "Aldane Alton Byron Cedric Clinton Conroy Denton Dexter Donald Easton Elvis Fabian
            Glenford Horace Ivan Jerome Kenroy Lenford Lionel Mervyn Nigel Oneil Patrick Randy
            Rudolph Sylvester Tristan Vernon Wendell",
        middle_rate: 0.6,
        middles: "Anthony Junior Lloyd Michael George Andrew Paul Leroy Winston Alexander David
            Emmanuel",
        middle_top: 0.12,
        middle_from_forenames: 0.4,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1975,
                names: "Beverley Marcia Pauline Hyacinth Merle Joyce Claudette Sonia Yvonne
                    Jacqueline Janet Lorna Dawn Carol Marlene Veronica Hortense Gloria Lorraine
                    Icilda Gwendolyn Doreen Myrtle Enid Pearl Norma Patricia Sandra Angela Cynthia
                    Elaine Maxine Audrey Valerie Winsome Dorothy",
                coverage: 0.8,
                top: 0.04,
            },
            Cohort {
                born_before: 1995,
                names: "Shanice Tia Keisha Jasmine Chantelle Shantelle Simone Danielle Nadine
                    Latoya Natasha Tanisha Renee Kimberley Stacey Leanne Donna Michelle Sharon Lisa
                    Nicola Paulette Samantha Tamika Toni Charmaine Tracey Jodie Kelly Gemma
                    Rochelle Tamara Shona Sasha Shereen",
                coverage: 0.78,
                top: 0.035,
            },
            Cohort {
                born_before: i32::MAX,
                names:
                    "Aaliyah Kiara Nia Jada Amari Imani Zara Serena Tiana Shania Kayla Amaya Asha
                    Naomi Ruby Jaeda Kenya Leah Mya Nyah Shakira Tahlia Tionne Chloe Malia Nevaeh
                    Precious Jasmine",
                coverage: 0.75,
                top: 0.03,
            },
        ],
        rare: "Althea Annmarie Carmen Cherelle Delphine Esmeralda Fiona Georgia Hazel Ingrid
            Jennifer Kadeen Lorraine Monique Nicole Odette Petal Rhona Sade Tamar Venus",
        middle_rate: 0.6,
        middles: "Marie Louise Elizabeth Patricia Grace Ann Rose Jade Monique Angela Maria",
        middle_top: 0.15,
        middle_from_forenames: 0.4,
    },
};

const NIGERIAN: Tradition = Tradition {
    key: "nigerian",
    weight: 320,
    surnames: Surnames {
        listed: &[NIGERIAN_SURNAMES],
        curve: &[
            (1, 25_000.0),
            (2, 20_000.0),
            (5, 15_000.0),
            (10, 10_000.0),
            (20, 6_000.0),
            (50, 3_000.0),
            (100, 1_500.0),
            (300, 500.0),
            (600, 200.0),
        ],
        generated: Some(nigerian_generated),
        rarest: None,
        personal_male: &[],
        personal_female: &[],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Emmanuel Samuel David Daniel Joseph Michael John Peter Stephen Paul Godwin
                    Victor Sunday Anthony Augustine Felix Patrick Chinedu Chukwuemeka Emeka Ikenna
                    Obinna Uchenna Nnamdi Chidi Kelechi Babatunde Adebayo Ayodele Olumide
                    Oluwaseun Tunde Femi Segun Kunle Kayode Bolaji Rotimi Yemi Wale Biodun Ibrahim",
                coverage: 0.82,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Oluwaseun Tobi Tomiwa Damilola Oluwatobi Ayomide Daniel David Samuel Joshua
                    Emmanuel Victor Michael Isaac Joseph Israel Chidera Chinonso Somto Ebuka Kamsi
                    Ifeanyi Kelechi Tochukwu Chibuike Praise Toluwani Ifeoluwa Feranmi Abdullahi
                    Ibrahim Yusuf",
                coverage: 0.8,
                top: 0.045,
            },
        ],
        rare: "Adekunle Akinwale Bamidele Chibueze Dayo Ebere Folarin Gbenga Jide Kehinde Lanre
            Nonso Obafemi Olusegun Remi Taiwo Tayo Uzochukwu",
        middle_rate: 0.6,
        middles: "Oluwaseun Olumide Chukwuemeka Chinedu Ikenna Ayodele Babatunde Adewale Emeka
            Tunde Olamide Oluwatobi Chidi Kelechi Uchenna",
        middle_top: 0.1,
        middle_from_forenames: 0.5,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Blessing Grace Mercy Joy Faith Comfort Patience Esther Deborah Ruth Janet
                    Elizabeth Mary Victoria Ngozi Chioma Nneka Ifeoma Uche Adaeze Amaka Chinwe
                    Ebere Folake Bukola Yetunde Funmilayo Titilayo Abimbola Adenike Omolara Bisi
                    Funke Toyin Kemi Aisha Fatima Hauwa",
                coverage: 0.82,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Precious Favour Blessing Chiamaka Adaora Chidinma Chinenye Ifunanya
                    Oluwaseyi Temitope Tolulope Oluwakemi Ayomide Damilola Fiyinfoluwa Moyinoluwa
                    Ife Tomi Esther Deborah Grace Jessica Joanna Michelle Praise Divine Goodness
                    Zainab Amina",
                coverage: 0.8,
                top: 0.045,
            },
        ],
        rare: "Abiola Adunni Bolanle Chinyere Dupe Ebunoluwa Folasade Ibukun Jumoke Kehinde
            Lola Modupe Nkechi Obiageli Ronke Sade Taiwo Uju Yewande",
        middle_rate: 0.6,
        middles: "Chiamaka Ngozi Oluwakemi Adunni Ifeoma Folasade Temitope Oluwaseun Chioma
            Adaeze Olufunke Omolola",
        middle_top: 0.12,
        middle_from_forenames: 0.5,
    },
};

const GHANAIAN: Tradition = Tradition {
    key: "ghanaian",
    weight: 150,
    surnames: Surnames {
        listed: &[GHANAIAN_SURNAMES],
        curve: &[
            (1, 50_000.0),
            (2, 35_000.0),
            (3, 30_000.0),
            (5, 25_000.0),
            (10, 15_000.0),
            (20, 9_000.0),
            (50, 4_000.0),
            (100, 1_500.0),
            (120, 1_000.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[],
    },
    male: Given {
        cohorts: &[Cohort {
            born_before: i32::MAX,
            names: "Kwame Kofi Emmanuel Kwabena Samuel Kwaku Yaw Daniel Kwesi Isaac Kojo Michael
                Kwadwo Joseph Francis Richard Prince Eric Frank Felix George Benjamin Stephen
                Ebenezer Kingsley Bernard Evans Derrick Godfred Gideon Nathaniel Solomon
                Theophilus Kobina Ebo Nana Kwasi Kwamena Fiifi",
            coverage: 0.85,
            top: 0.06,
        }],
        rare: "Akwasi Alfred Augustine Clement Collins Desmond Edmund Edward Emmanuel Festus
            Gabriel Isaiah Jacob Kelvin Maxwell Moses Nicholas Obed Patrick Raphael Sylvester",
        middle_rate: 0.55,
        middles: "Kwame Kofi Kwabena Kwaku Yaw Kwesi Kojo Kwadwo Kwasi Kobina",
        middle_top: 0.15,
        middle_from_forenames: 0.2,
    },
    female: Given {
        cohorts: &[Cohort {
            born_before: i32::MAX,
            names: "Ama Akosua Grace Abena Akua Comfort Yaa Afua Mercy Efua Gifty Adwoa Patience
                Esi Esther Ekua Felicia Aba Priscilla Adjoa Vida Joyce Gloria Linda Rita Matilda
                Beatrice Abigail Doris Eunice Hannah Sarah Rebecca Mavis Juliana Charity Angela
                Evelyn Dorcas Millicent Naomi",
            coverage: 0.85,
            top: 0.06,
        }],
        rare: "Agnes Akos Benedicta Cecilia Christiana Diana Edith Elizabeth Florence Georgina
            Harriet Irene Janet Lydia Magdalene Nana Olivia Philomena Regina Stella Theresa",
        middle_rate: 0.55,
        middles: "Ama Akosua Abena Akua Yaa Afua Efua Adwoa Esi Adjoa",
        middle_top: 0.15,
        middle_from_forenames: 0.2,
    },
};

/// Somali men's names, which are also the surnames and middle names of their children.
const SOMALI_MEN: &str = "Mohamed Abdi Ahmed Ali Hassan Abdullahi Abdirahman Omar Yusuf Ibrahim
    Mustafa Ismail Hamza Khalid Liban Mahad Abdirizak Zakaria Bilal Abdikarim Abdulkadir Abdiaziz
    Abdinasir Abdiwahab Adan Awil Bashir Guled Hamse Hussein Jama Mukhtar Nuur Said Salah Shafici
    Yasin Yonis";
const SOMALI_FATHERS: &str = "Mohamed Ahmed Ali Abdi Hassan Hussein Omar Osman Yusuf Ibrahim
    Farah Abdullahi Jama Aden Ismail Nur Said Salah Warsame Abdirahman";

const SOMALI: Tradition = Tradition {
    key: "somali",
    weight: 130,
    surnames: Surnames {
        listed: &[SOMALI_SURNAMES],
        curve: &[
            (1, 120_000.0),
            (2, 80_000.0),
            (3, 80_000.0),
            (4, 60_000.0),
            (5, 60_000.0),
            (6, 40_000.0),
            (8, 35_000.0),
            (10, 30_000.0),
            (15, 20_000.0),
            (30, 8_000.0),
            (60, 2_500.0),
            (80, 1_200.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[],
    },
    male: Given {
        cohorts: &[Cohort {
            born_before: i32::MAX,
            names: SOMALI_MEN,
            coverage: 0.85,
            top: 0.1,
        }],
        rare: "Abdifatah Abdihakim Abdimalik Abdisalam Abshir Ayanle Bile Dahir Elmi Faysal Gedi
            Hirsi Jibril Kalif Mursal Qasim Ridwan Sharmarke Siyad Warsame",
        middle_rate: 0.8,
        middles: SOMALI_FATHERS,
        middle_top: 0.15,
        middle_from_forenames: 0.0,
    },
    female: Given {
        cohorts: &[Cohort {
            born_before: i32::MAX,
            names: "Fadumo Amina Hodan Sahra Hawa Asha Khadija Ifrah Ayan Hibo Maryan Sagal Ubah
                Deqa Nimco Hamdi Muna Ikran Ruqiya Halimo Safia Farhiya Fatima Hana Idil Ilhan
                Istahil Layla Luul Nasra Qamar Sucdi Yasmin Zamzam Anab Sadia Filsan",
            coverage: 0.85,
            top: 0.07,
        }],
        rare: "Amran Bahja Canab Dahabo Faiza Hinda Hoda Iqra Jawahir Kaltun Leila Mako Najma
            Rahma Samira Shukri Sumaya Warda Xamdi",
        middle_rate: 0.8,
        middles: SOMALI_FATHERS,
        middle_top: 0.15,
        middle_from_forenames: 0.0,
    },
};

pub(crate) const TRADITIONS: &[Tradition] = &[CARIBBEAN, NIGERIAN, GHANAIAN, SOMALI];
