//! South Asian names as British families of Pakistani, Bangladeshi, Punjabi Sikh, Gujarati and
//! other Indian heritage bear them, each community its own tradition: the 2021 census gives
//! roughly 1.6 million people of Pakistani, 0.6 million of Bangladeshi and 1.9 million of Indian
//! heritage in England and Wales (about half of the latter Gujarati or Sikh).
//!
//! These surnames are concentrated, and really are: Patel ranks about 24th in England and Wales
//! and is the surname of about a third of Gujarati families; Khan, Hussain, Ahmed and Ali are
//! among the top 100; Singh and Kaur are borne by many Sikhs as surnames. Several names are
//! borne in person rather than inherited: many Sikh men are `Singh` and women `Kaur` whatever
//! their family's name, many Bangladeshi women `Begum` or `Khatun`, many Pakistani women `Bibi`.
//! And many men of Muslim families are `Mohammed` first, known by their middle name. So shared
//! names such as `Mohammed KHAN` are common, as police in Bradford or Birmingham know.

use super::model::{Cohort, Given, Surnames, Tradition};

const PAKISTANI_SURNAMES: &str = "
Khan Hussain Ahmed Ali Mahmood Iqbal Shah Malik Butt Rashid Akhtar Qureshi Javed Aslam Riaz Akram
Anwar Hameed Rehman Nawaz Sadiq Zaman Tariq Latif Arshad Yousaf Bashir Sharif Siddique Shafiq
Majid Rafiq Mirza Awan Chaudhry Jamil Ashraf Aziz Habib Kazmi Naqvi Abbasi Baig Durrani Yaqoob
Ilyas Younis Hanif Haq Karim Nadeem Saeed Raja Mughal Bhatti Sheikh Hafeez Jabbar Sabir Sultan
Zafar Asghar Ayub Farooq Ghafoor Ishaq Kamal Mehmood Munir Nazir Parvez Rauf Saleem Shabbir
Tahir Usman Waheed Yasin Zahid Afzal Amin Arif Asif Azam Faisal Ghani Hafiz Imran Javaid Khalid
Liaqat Maqsood Mushtaq Nasir Rafique Rasool Sajid Shahzad Shoaib Sohail Tanveer Waqar Zulfiqar
Abid Adil Akbar Arfan Babar Dar Gulzar Jan Kayani Lodhi Minhas Niazi Rana Tiwana Warraich
";

const BANGLADESHI_SURNAMES: &str = "
Miah Uddin Ali Ahmed Rahman Islam Hussain Hoque Khan Chowdhury Ullah Alom Karim Haque Mia Ahmad
Sheikh Sarkar Mollah Hossain Amin Aziz Bhuiyan Hassan Kabir Mahmud Molla Munshi Mustafa Nur
Rashid Sultan Talukdar Zaman Akbar Alam Choudhury Farooq Hannan Haider Jalal Kamal Mannan
Mazumder Mridha Rob Siddique Sikder Sobhan Tarafdar Howlader Khandaker Patwary Shikder Mondal
Gazi Ahad Awal Bari Dewan Hakim Hye Jahan Latif Majid Malik Matin Motin Noor Quddus Rouf Salam
Shah Wahid
";

const SIKH_SURNAMES: &str = "
Singh Sandhu Gill Sidhu Dhillon Grewal Bains Johal Sahota Atwal Virdi Dhaliwal Kang Chahal Mann
Sangha Bhamra Hayer Heer Bassi Basra Aujla Randhawa Rai Sohal Thandi Uppal Kalsi Nijjar Panesar
Matharu Sagoo Bhogal Bhachu Dhami Dosanjh Garcha Gahir Hundal Jhutti Khaira Kooner Lall Lalli
Mangat Manku Marwaha Nagra Purewal Rattu Samra Sanghera Sekhon Shergill Sohi Takhar Toor Virk
Brar Bhatti Chana Chohan Deol Dhesi Gidda Jandu Jassal Kainth Kandola Khangura Kular Lidder
Minhas Mundi Pannu Phull Riar Saini Sall Sandher Sembhi Somal Tatla Ubhi Ahluwalia Anand Bamrah
Bansal Bhandal Bharj Birdi Chadha Cheema Dhanda Dhindsa Gakhal Ghuman Hothi Jagpal Jheeta
Kalirai Kalra Khakh Kohli Landa Mahal Makkar Mehat Nahal Padda Rehal Sahni Sarai Sunner Thind
Walia
";

const GUJARATI_SURNAMES: &str = "
Patel Shah Mistry Parmar Chauhan Solanki Desai Joshi Mehta Modi Thakkar Lad Makwana Rathod
Vaghela Pandya Trivedi Bhatt Dave Vyas Gohil Chudasama Panchal Lakhani Kotecha Thakrar Ruparelia
Pabari Sodha Karia Majithia Popat Tanna Dattani Hirani Gandhi Amin Naik Chavda Darji Gajjar
Jadeja Jani Kanani Kerai Khatri Limbachia Lodhia Mandalia Manek Morjaria Nathwani Odedra
Pankhania Pindoria Rabadia Radia Raithatha Rajani Raval Sachdev Samani Savani Sejpal Somaiya
Suchak Tailor Thaker Unadkat Vadgama Varsani Vekaria Vora Chotai Dhanani Gorasia Halai Hindocha
Jethwa Kakad Kataria Kotak Maru Nagda Parekh Purohit Rawal Shukla Soni Tank Upadhyay Valand
Vasani
";

const INDIAN_SURNAMES: &str = "
Sharma Kumar Gupta Singh Verma Mishra Agarwal Malhotra Kapoor Khanna Chopra Arora Bhatia Sethi
Jain Nair Menon Pillai Iyer Krishnan Reddy Rao Naidu Srinivasan Subramanian Ramachandran Raman
Rajan Pandey Tiwari Dubey Yadav Saxena Srivastava Banerjee Chatterjee Mukherjee Das Ghosh Bose
Sen Dutta Roy Chakraborty Bhattacharya Basu Sinha Prasad Thakur Chaudhary Goel Bansal Mittal
Garg Aggarwal Bajaj Bhalla Dhawan Goyal Grover Jindal Luthra Madan Mahajan Nanda Puri Sachdeva
Sood Suri Talwar Tandon Vij Wadhwa Iyengar Kurup Panicker Varghese Kurian Abraham Mathew
Cherian Thomas Joseph George D'Souza D'Silva Fernandes Pinto Shetty Hegde Kamath Pai Kulkarni
Patil Deshpande Gokhale Jadhav Pawar Shinde Naik Menezes Noronha Rodrigues Lobo
";

const PAKISTANI: Tradition = Tradition {
    key: "pakistani",
    weight: 380,
    surnames: Surnames {
        listed: &[PAKISTANI_SURNAMES],
        curve: &[
            (1, 120_000.0),
            (2, 80_000.0),
            (3, 70_000.0),
            (4, 65_000.0),
            (5, 30_000.0),
            (10, 20_000.0),
            (20, 9_000.0),
            (50, 3_500.0),
            (100, 1_500.0),
            (150, 800.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[
            ("Bibi", 0.12),
            ("Begum", 0.08),
            ("Akhtar", 0.07),
            ("Kausar", 0.03),
            ("Parveen", 0.03),
        ],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Mohammed Muhammad Abdul Mohammad Tariq Khalid Javed Pervez Zahid Shahid
                    Nadeem Arshad Imran Asif Tahir Zafar Aslam Akram Iqbal Amjad Rashid Liaquat
                    Shabir Sajid Majid Rafiq Ashraf Nasir Aftab Ghulam Bashir Mahmood Anwar Naveed
                    Waheed Arif Kamran Shahzad Abid Younis Zulfiqar Yasin Riaz",
                coverage: 0.85,
                top: 0.17,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Muhammad Mohammed Mohammad Adam Ibrahim Yusuf Zain Bilal Hamza Usman Ali
                    Umar Ayaan Ahmed Hassan Haris Rayyan Zakariya Imran Adnan Faisal Kashif Amir
                    Danyal Musa Omar Aadam Zayn Abdullah Ismail Ilyas Arham Saad Waqas Shoaib
                    Junaid Rizwan Tayyab Fahad Saqib Asad",
                coverage: 0.82,
                top: 0.14,
            },
        ],
        rare: "Aamir Abbas Adeel Ahsan Akeel Ammar Anees Aqeel Atif Awais Basharat Danish Ehsan
            Fahim Farhan Ghazanfar Habib Haider Irfan Jawad Kabir Khurram Mubashir Nabeel Noman
            Obaid Qasim Raheel Sameer Sarfraz Shakeel Suhail Talha Umair Waleed Yasir Zeeshan",
        middle_rate: 0.55,
        middles: "Ali Ahmed Hussain Iqbal Akram Arshad Asif Imran Nadeem Tariq Khalid Shahid
            Zahid Amin Rafiq Usman Bilal Adnan Hamza Yousaf Mohammed Abdul",
        middle_top: 0.08,
        middle_from_forenames: 0.5,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Nasreen Parveen Shaheen Rukhsana Shazia Shabana Samina Nazia Tahira Yasmin
                    Fozia Kausar Bushra Shamim Zubaida Razia Nighat Robina Naheed Farzana Sajida
                    Rubina Saima Ghazala Asma Ambreen Naila Uzma Sadia Humaira Nusrat Zahida
                    Fatima Aisha Hameeda Naseem Zarina Sakina Khalida",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names:
                    "Aisha Ayesha Fatima Maryam Zainab Hafsa Khadijah Amina Iqra Sana Zara Aleena
                    Anaya Inaya Hira Mahnoor Alisha Aliza Eman Sumaya Safa Sadia Mehwish Sidra
                    Amna Noor Laiba Areeba Hannah Mariam Sobia Rabia Ayat Haleema Saira Tayyaba
                    Zoya Huma Nimra Hania",
                coverage: 0.82,
                top: 0.05,
            },
        ],
        rare: "Afshan Alia Anum Arooj Asifa Atiya Farah Fariha Ghazal Hina Irum Javeria Kiran
            Lubna Madiha Mahwish Misbah Nabila Nadia Rida Rozina Saba Samreen Shaista Sofia
            Sumera Tabassum Tehmina Ulfat Yusra",
        middle_rate: 0.35,
        middles: "Bibi Begum Akhtar Kausar Parveen Sultana Noor Fatima Khanum Jan Nisa",
        middle_top: 0.25,
        middle_from_forenames: 0.3,
    },
};

const BANGLADESHI: Tradition = Tradition {
    key: "bangladeshi",
    weight: 160,
    surnames: Surnames {
        listed: &[BANGLADESHI_SURNAMES],
        curve: &[
            (1, 100_000.0),
            (2, 90_000.0),
            (3, 80_000.0),
            (4, 80_000.0),
            (5, 70_000.0),
            (6, 60_000.0),
            (8, 40_000.0),
            (12, 25_000.0),
            (20, 12_000.0),
            (40, 4_000.0),
            (70, 1_500.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[
            ("Begum", 0.35),
            ("Khatun", 0.1),
            ("Akter", 0.08),
            ("Bibi", 0.04),
            ("Sultana", 0.03),
            ("Nessa", 0.02),
        ],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Mohammed Abdul Jamal Kamal Nurul Shahid Abul Ashraf Anwar Faruk Habibur
                    Jahangir Mizanur Motiur Nazrul Rafiqul Shamsul Shahjahan Sirajul Syed Tajul
                    Zakir Abdur Aminul Enamul Fazlul Golam Jamil Kabir Lutfur Mahbub Moinul
                    Mujibur Rahim Ruhul Saiful",
                coverage: 0.85,
                top: 0.15,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Mohammed Muhammad Abdul Ibrahim Yusuf Zayan Rayyan Sami Saif Rahim Imran
                    Shakil Sohel Tanvir Rubel Shahed Jubayer Ariful Asif Arif Mahir Nahid Rashed
                    Rezaul Sabbir Shafiq Sharif Sumon Tamim Yasin Zahid Ayaan Adam Aariz",
                coverage: 0.82,
                top: 0.12,
            },
        ],
        rare: "Abu Alauddin Amirul Anisur Atiqur Badrul Belal Delwar Dilwar Fakhrul Helal Iqbal
            Jashim Kamrul Khalilur Liton Mamun Masud Mostafa Nasir Obaidul Ripon Shamim Shohel
            Ziaur",
        middle_rate: 0.6,
        middles: "Abdul Ali Uddin Miah Hussain Ahmed Rahman Islam Alom Karim Hoque Ullah",
        middle_top: 0.12,
        middle_from_forenames: 0.5,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1985,
                names: "Rahima Amina Rokeya Hasina Shirin Jahanara Khaleda Rehana Monowara
                    Nurjahan Shahnaz Rashida Sufia Anwara Feroza Halima Jesmin Kulsum Laily Majeda
                    Nasima Parveen Rabeya Salma Shahida Sultana Taslima Rowshan Hosne",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Fatima Aisha Amina Sumaiya Nusrat Sadia Tasnim Farhana Jannat Sabrina
                    Taslima Shirin Afsana Lamia Maliha Mehjabin Nabila Nafisa Raisa Sanjida
                    Tahmina Umme Zara Anisa Hafsa Khadija Maryam Rumana Shanaz Yasmin",
                coverage: 0.82,
                top: 0.05,
            },
        ],
        rare: "Afroza Ambia Asma Bilkis Dilara Ferdousi Fahmida Habiba Jahura Jharna Lipi Mahmuda
            Minara Momena Nargis Nazma Popy Rina Ruma Shapla Shefali Shilpi Sonia Tania",
        middle_rate: 0.35,
        middles: "Begum Khatun Akter Sultana Nessa Bibi Jahan Ara",
        middle_top: 0.4,
        middle_from_forenames: 0.2,
    },
};

/// Sikh names are largely the same for men and women: `Singh` and `Kaur` tell them apart.
const SIKH_OLDER: &str = "Gurdev Harjit Jaswant Kuldip Balwinder Sukhdev Jasbir Harbans Karnail
    Mohinder Surinder Paramjit Avtar Baldev Gurmit Harbhajan Jagjit Manjit Rajinder Sarbjit
    Amarjit Davinder Gurcharan Hardev Joginder Kulwant Lakhbir Malkit Narinder Piara Ranjit
    Satnam Tarsem Bhupinder Darshan Gurbachan";

const SIKH: Tradition = Tradition {
    key: "sikh_punjabi",
    weight: 140,
    surnames: Surnames {
        listed: &[SIKH_SURNAMES],
        curve: &[
            (1, 200_000.0),
            (2, 50_000.0),
            (3, 50_000.0),
            (4, 30_000.0),
            (5, 30_000.0),
            (10, 15_000.0),
            (20, 8_000.0),
            (50, 4_000.0),
            (100, 1_500.0),
            (160, 600.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[("Singh", 0.35)],
        personal_female: &[("Kaur", 0.45)],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: SIKH_OLDER,
                coverage: 0.85,
                top: 0.06,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Gurpreet Harpreet Jaspreet Mandeep Sukhjinder Jaskaran Harvinder Amrit
                    Ravinder Sandeep Manpreet Kulvinder Simranjit Gurjit Hardeep Jasdeep Karanveer
                    Arjun Ishaan Jaskirat Harjot Gurveer Navdeep Ranveer Sahib Sukhraj Tejinder
                    Ajay Kamaljit Ravi Rajveer Jasvir Inderjit Amandeep Gagandeep",
                coverage: 0.82,
                top: 0.05,
            },
        ],
        rare: "Ajit Baljinder Charanjit Daljit Gurinder Harnek Jagdeep Jatinder Karamjit Kirpal
            Lakhvinder Mukhtiar Nirmal Onkar Pritam Rupinder Sohan Sukhwinder Talwinder Ujagar",
        middle_rate: 0.6,
        middles: "Singh Kumar Pal",
        middle_top: 0.9,
        middle_from_forenames: 0.0,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: "Surinder Kuldip Gurmit Harbans Balwinder Jaswant Manjit Paramjit Rajinder
                    Sukhwinder Amarjit Charanjit Daljit Gurdip Harjinder Jasbir Kulwant Mohinder
                    Narinder Parminder Ravinder Santosh Satwant Sukhdev Tarsem Bhajan Gian
                    Harbhajan Malkit Ranjit",
                coverage: 0.85,
                top: 0.06,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Harpreet Gurpreet Jaspreet Manpreet Simran Amrit Navdeep Rupinder Jasleen
                    Harleen Simranjit Mandeep Sukhpreet Kiran Gurleen Navjot Ravneet Jasmeet
                    Amandeep Rajdeep Ishleen Harnoor Jasnoor Prabhleen Anisha Priya Sonia Pooja
                    Seerat Kiranjit Parmjit",
                coverage: 0.82,
                top: 0.05,
            },
        ],
        rare: "Baljit Davinder Gurjit Harjit Inderjit Jagdish Kamaljit Kulvinder Lakhvir Manjinder
            Nirmal Palvinder Rajwinder Sarbjit Sukhjit Tejinder",
        middle_rate: 0.6,
        middles: "Kaur Devi",
        middle_top: 0.92,
        middle_from_forenames: 0.0,
    },
};

const GUJARATI: Tradition = Tradition {
    key: "gujarati",
    weight: 200,
    surnames: Surnames {
        listed: &[GUJARATI_SURNAMES],
        curve: &[
            (1, 350_000.0),
            (2, 80_000.0),
            (3, 40_000.0),
            (4, 30_000.0),
            (5, 25_000.0),
            (10, 12_000.0),
            (20, 6_000.0),
            (50, 2_500.0),
            (100, 900.0),
            (130, 600.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[],
        personal_female: &[],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: "Rajesh Sanjay Mahesh Dinesh Nilesh Hitesh Jayesh Mukesh Ramesh Suresh
                    Kiran Ashok Vijay Bharat Pravin Harish Kamlesh Manoj Pankaj Yogesh Jignesh
                    Bhavesh Chetan Ketan Paresh Nitin Anil Arvind Bhupendra Dilip Girish Haresh
                    Jitendra Kishor Mahendra Naresh Pradip Rakesh Umesh",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Rahul Nikhil Amit Rohan Jay Kishan Krish Dev Arjun Aarav Vivek Karan Neil
                    Ravi Sahil Viraj Yash Jai Raj Milan Sachin Ronak Chirag Hardik Dhruv Parth
                    Deep Rishi Kunal Nikesh Mehul Ajay Vishal Krishan Nirav",
                coverage: 0.82,
                top: 0.045,
            },
        ],
        rare: "Alpesh Chandrakant Dharmesh Dipak Hasmukh Himanshu Jagdish Kalpesh Kantilal Lalit
            Mayur Navin Rajendra Sailesh Sunil Tushar Vinod",
        middle_rate: 0.45,
        middles: "Kumar Ramesh Ramanlal Jayantilal Mahendra Dinesh Shantilal Natvarlal Kantilal
            Dhirajlal Chandrakant Arvind Navin Pravin",
        middle_top: 0.2,
        middle_from_forenames: 0.3,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: "Hema Bhavna Rekha Meena Jyoti Sunita Hansa Kokila Daksha Usha Sarla Jaya
                    Geeta Kalpana Manjula Nayna Pushpa Ranjan Savita Shobha Sushila Vanita Varsha
                    Kusum Lata Nalini Pratibha Sharda Smita",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Priya Nisha Pooja Kajal Anjali Neha Reena Shilpa Hetal Krupa Mital Dipti
                    Sejal Komal Nimisha Manisha Kavita Riya Diya Anya Aanya Siya Isha Mira Tara
                    Nikita Radhika Shreya Sonal Bijal Jinal Payal Rupal Trupti Vaishali",
                coverage: 0.82,
                top: 0.045,
            },
        ],
        rare: "Alka Bina Chandrika Darshana Falguni Heena Indira Jayshree Kanchan Leena Minal
            Nirmala Parul Rashmi Shital Uma Vandana",
        middle_rate: 0.3,
        middles: "Ben Kumari Ramesh Mahendra Dinesh Pravin Jayant Kanti Natwar",
        middle_top: 0.25,
        middle_from_forenames: 0.2,
    },
};

const INDIAN: Tradition = Tradition {
    key: "other_indian",
    weight: 120,
    surnames: Surnames {
        listed: &[INDIAN_SURNAMES],
        curve: &[
            (1, 60_000.0),
            (2, 50_000.0),
            (3, 40_000.0),
            (4, 35_000.0),
            (5, 25_000.0),
            (10, 15_000.0),
            (20, 9_000.0),
            (50, 4_000.0),
            (100, 1_500.0),
            (140, 800.0),
        ],
        generated: None,
        rarest: None,
        personal_male: &[("Kumar", 0.08)],
        personal_female: &[("Devi", 0.12), ("Kumari", 0.04)],
    },
    male: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: "Rajesh Sanjay Anil Sunil Vijay Ashok Ravi Ramesh Suresh Deepak Rakesh
                    Sanjeev Vinod Ajay Manoj Arun Prakash Rajiv Satish Naresh Mohan Krishna Gopal
                    Venkatesh Srinivas Raghu Murali Thomas Joseph George Mathew Francis Paul",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Rahul Arjun Rohan Vikram Amit Aditya Nikhil Karan Varun Siddharth Akash
                    Ankit Gaurav Rohit Sachin Vivek Abhishek Aarav Vihaan Ishaan Kabir Aryan Dev
                    Krish Sai Pranav Aniket Harsh Kunal Tushar Anirudh Shreyas Akshay Ajit",
                coverage: 0.82,
                top: 0.045,
            },
        ],
        rare: "Alok Anand Bala Deepesh Girish Hari Jagan Kiran Lokesh Mahesh Narayan Prem Raju
            Sameer Shankar Sudhir Tarun Uday Vikas Yogesh",
        middle_rate: 0.35,
        middles: "Kumar Prakash Chandra Lal Nath Raj Mohan Krishna",
        middle_top: 0.4,
        middle_from_forenames: 0.2,
    },
    female: Given {
        cohorts: &[
            Cohort {
                born_before: 1980,
                names: "Sunita Anita Geeta Kavita Meena Rekha Asha Usha Lakshmi Radha Savitri
                    Kamala Shanti Indira Padma Saroja Vimala Shobha Nirmala Lata Mary Annamma
                    Leela Sarala Suman Neelam Poonam Rita Seema Renu",
                coverage: 0.85,
                top: 0.05,
            },
            Cohort {
                born_before: i32::MAX,
                names: "Priya Anjali Pooja Neha Shreya Divya Nisha Kavya Aishwarya Ananya Deepika
                    Swati Sneha Riya Tanya Shruti Meera Aditi Ishita Kritika Nandini Pallavi
                    Radhika Sakshi Tanvi Ira Saanvi Aadhya Diya Isha Anika",
                coverage: 0.82,
                top: 0.045,
            },
        ],
        rare: "Archana Bhavani Chitra Devika Gayatri Jaya Kamini Latha Madhu Mala Malini Nalini
            Pushpa Rani Sapna Shalini Shweta Uma Vidya",
        middle_rate: 0.25,
        middles: "Kumari Devi Rani Lakshmi Priya",
        middle_top: 0.35,
        middle_from_forenames: 0.2,
    },
};

pub(crate) const TRADITIONS: &[Tradition] = &[PAKISTANI, BANGLADESHI, SIKH, GUJARATI, INDIAN];
