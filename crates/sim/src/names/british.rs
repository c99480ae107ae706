//! British names: surnames on the rank–frequency curve of England and Wales, forenames as
//! children born in each decade since the 1930s were named.
//!
//! Sources (public statistics; figures rounded):
//! - Surnames, ranks 1–22: share of events in England and Wales, 1984–97 (the "Comparative
//!   Table of 300 Leading Surnames" compiled from General Register Office indexes): Smith 1.33%,
//!   Jones 0.99%, Williams 0.68%, Taylor 0.59%, Brown 0.62%, Davies 0.51%, Evans 0.43% …
//! - Surnames, ranks 49–16,554: bearers per million on the 1998 electoral register of Great
//!   Britain (UCL's surname profiler), e.g. rank 49 2,082, rank 128 942, rank 563 288, rank
//!   1,318 146, rank 4,605 30, rank 16,554 5. Summed, the curve reaches 93% of people by rank
//!   10,000 and 98% by rank 16,554: the common names are few and the tail is long. The listed
//!   names are the 492 commonest (in their published order) and about 900 less common real
//!   names taking the next ranks; beyond rank 1,400 or so the tail is built from the parts of
//!   English place-names (Ash + worth, Thorn + ton), with patronymic, trade and nickname names,
//!   Scottish `Mac`/`Mc` and Irish `O'` names, and (rarest) double-barrelled ones: about 12,000
//!   surnames in all, the rarest with about ten bearers per million each (the real tail goes on
//!   to names borne by a handful of families).
//! - Forenames: the Office for National Statistics' top-100 lists for 1934, 1944 … 1994 and its
//!   annual baby-name counts since 1996 (e.g. Jack, 3.3% of boys in 1996; Oliver 1.9% in 2014;
//!   Olivia 1.3% of girls in 2023). Names given mostly in South Asian families (Muhammad) are in
//!   that tradition's lists instead.
//!
//! No list here describes a person: names alone, and the parts of place-names, are not anyone's
//! identity.

use super::model::{Cohort, Given, Surnames, Tradition, join};

/// The common surnames of England and Wales, most common first (South Asian surnames such as
/// Patel and Khan, which also rank high, belong to that origin's traditions).
const LISTED: &str = "
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Roberts Johnson Robinson Wright
Thompson Walker White Edwards Green Hall Wood Harris Hughes Lewis Clarke Jackson Turner Martin
Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips
Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey
Collins Bell Shaw Murphy Miller Cox Richards Marshall Anderson Simpson Ellis Adams Wilkinson
Foster Chapman Powell Webb Rogers Gray Mason Hunt Campbell Matthews Owen Palmer Holmes Mills
Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham
Pearson Fletcher Walsh Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford
Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien
Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett
Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland
Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Dean Lane
Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long
Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins
O'Connor Harper Coleman Watkins Moss McCarthy Chambers Griffin Sharp Hardy Wheeler Potter
Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard Gilbert
Willis Higgins Read Miles Stevenson Stephenson Hammond Arnold Buckley Walters Hewitt Barber
Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Lynch Goodwin Barton
Woodward Thomson Cunningham Quinn Barnett Baxter Clayton Nash Greenwood Jennings Holt Kemp Poole
Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley
Jarvis Gibbs Ferguson Hayward Carroll Farrell Norris Pugh Fleming Davey Hodges Sanders Simmons
Parkinson Moran Horton Cartwright Hicks Storey Sheppard Bartlett Knowles Todd Wilkins Reeves
Kirby Hurst Lamb Fraser Field Preston Swift Pollard Herbert Dale Birch Bowen Sharpe Conway
Morton Whittaker Hope Brennan Sims Lyons Steele Summers Dobson Vincent Howells Fuller Glover
Chadwick Bentley Woodcock Hilton Pratt Pickering Gough Randall Bull Boyle Skinner Duffy Parkes
Humphreys Talbot Marsden Humphries Rowley Connolly Howe Hanson Rhodes Waters Dunne Holden
Carpenter Newell Black Dyer Ashton Brady Haynes Sykes Finch Ingram Flynn Hobbs Mellor Benson
Bolton Fitzgerald Kirk Sweeney Cotton Eaton Rowlands Goddard Chandler Briggs Bradshaw Ashworth
Hancock Peacock Tomlinson Norton Holloway Jenkinson Hartley Thornton Welch Moody Davison Barlow
Kay Fry Emery Whitworth Townsend Brookes Haworth Nolan Sheldon Rowland Dickinson Tyler Lord
Lucas Howarth Hargreaves Blackburn Platt Seddon Houghton Crossley Whitfield Bradbury Fielding
Gould Lees Firth Charlton Daly Leach Bray Abbott Alexander Bevan Boyd Brooke Bryant Buckingham
Bushell Cairns Cameron Carey Chester Coates Connor Cowley Crawford Dalton Daniels Dennis Dodd
Douglas Duncan Dyson Farmer Faulkner Fitzpatrick Garner Gardiner Goodall Hale Harrington Hogg
Hooper Irwin Jacobs Joyce Keane Kerr Little Mackenzie Marriott Maxwell McKenzie Metcalfe Millar
Milner Myers Naylor Nixon O'Neill Owens Parkin Patterson Perkins Pike Rawlinson Rich Robbins
Sanderson Savage Shields Slade Smart Spence Stubbs Sutcliffe Sweet Tate Thorpe Trueman Vaughan
Wade Ware Warner Waterhouse Watt Weaver Whiteley Wyatt Yeomans
";

/// Less common British surnames, ranked after `LISTED` in no particular order: real names of the
/// frequency ranks from about 500 to 1,500, where the curve gives each some 100 to 300 bearers
/// per million. Beyond them the tail is built from parts.
const LESS_COMMON: &str = "
Abbey Abbot Ackroyd Adair Adamson Adey Agar Ainsworth Aitken Akers Alcock Alden Alder Aldridge
Allsop Alston Ambler Amos Anstey Appleby Appleton Archibald Arden Armitage Arnott Ashby Ashcroft
Ashdown Ashford Ashley Aspinall Astley Atherton Attwood Austen Averill Avery Axon Aylett Aylward
Backhouse Bagley Bagshaw Bainbridge Baines Bairstow Bakewell Balfour Bamford Bancroft Banfield
Bannister Barclay Bardsley Barnard Barraclough Barratt Barrow Bartram Baskerville Batchelor
Bateman Bateson Bath Batty Baxendale Bayliss Beardsley Beasley Beaumont Beckett Beddow Bedford
Beech Beesley Belcher Bellamy Benfield Bent Beresford Bestwick Bettridge Bevis Bickerton Biggs
Billingham Bingham Birchall Birkett Bishopp Blackmore Blackwell Blades Blakeley Blakemore Bland
Blundell Blythe Boardman Bodley Bolt Bonham Boon Boswell Bottomley Boulton Bourne Bowden Bowers
Bowes Bowker Bowler Boyce Brace Bracewell Bradford Bramley Brannan Bratt Brazier Brearley Bridge
Bridges Bridgwater Brierley Brindley Brinkley Broadbent Broadhurst Brock Bromley Brook Broome
Brough Broughton Brownlow Buckland Buckle Bullen Bunting Burch Burden Burdett Burgoyne Burnett
Burrell Burrows Bushby Butterworth Buxton Byrom Cadman Calvert Carden Carlisle Carney Carrington
Carver Catchpole Catterall Cave Challis Chamberlain Chance Chaplin Charnley Cheshire Chilton
Chisholm Christian Churchill Clapham Clay Clegg Clements Cliff Clifford Clough Coburn Cockburn
Cockerill Coles Colley Collier Collinson Colton Comer Coney Cookson Coombes Copley Corbett
Cordell Cornes Cornwell Cosgrove Cottam Cotterill Coulthard Court Courtney Coverdale Cowell
Cowling Crabtree Craddock Crane Cranfield Crawley Crease Crisp Croft Crompton Cropper Crosby
Crouch Crowley Crowther Cullen Culshaw Cundall Cunliffe Curran Cuthbert Dacre Dakin Dando Darby
Darlington Darwin Daubney Davenport Dawes Deacon Dearden Denham Denton Derbyshire Devlin
Dewhurst Dickens Dillon Dobbs Dodds Dolan Donnelly Dorrington Dove Dowling Downes Downing Drake
Draper Drew Driver Duckworth Dudley Duffield Dunbar Dunkley Dunning Durrant Dutton Dwyer Dyke
Eagle Eames Earnshaw Eastwood Eccles Eckersley Eden Edge Edmonds Edmondson Edwardes Elford
Ellison Elmer Elsworth Emerson England Entwistle Etherington Evershed Everett Eyre Fairbrother
Fairclough Fairhurst Fairley Falconer Farley Farnworth Farrow Fawcett Fearnley Fell Fenton
Fenwick Fielder Finney Firman Fish Fitch Flanagan Fleetwood Flint Flood Foley Foot Forbes
Forrest Forster Fowles Frampton Freer Frith Froggatt Fulton Furness Gale Gallimore Gamble Gant
Garbutt Garfield Garland Garrett Garside Gaskell Gates Geary Gee Gerrard Gibb Gibbins Giddings
Gilchrist Gillespie Gilmore Gladwin Glenn Golding Goldsmith Gooch Goode Goodman Goodridge Goss
Gostelow Gower Grace Grainger Greaves Greenhalgh Greenway Gregg Gresham Grice Grimshaw Grundy
Gunn Gurney Hackett Hadfield Hagan Haigh Halford Halliday Halliwell Hallam Halstead Hamer
Hammersley Hampson Hancox Handley Hanley Hannam Harbottle Hardcastle Hardwick Hargrave Harley
Harman Harmer Harness Harrop Hartill Harwood Haslam Hastings Hatch Hatton Havers Hawes Hawley
Haxby Hayden Hayhurst Hazell Heap Heaton Hebden Hedges Helm Hemming Henshaw Hepworth Heron
Hesketh Hewson Heywood Hibbert Hickman Hickey Higham Highfield Hindle Hinds Hinton Hirst
Hitchcock Hoare Hobson Hodgkinson Holbrook Holding Holgate Holliday Hollis Hollows Holme Holroyd
Hooley Hopwood Horrocks Horsfall Horsley Hough Houlton Howell Howson Hoyle Hulme Hume Hurley
Hutton Hyde Illingworth Ingham Inman Ireland Isherwood Ives Jagger Jameson Jarrett Jeffery
Jepson Jessop Jewell Jolley Jowett Judge Keeling Kendall Kenworthy Kenyon Kershaw Kettle Kidd
Kilby Kimber Kinder Kingsley Kirkham Kirkpatrick Kitchen Knott Lacey Laidlaw Laing Lake
Lancaster Langford Langley Langton Lassiter Latham Lavender Lawton Laycock Leadbetter Leake
Leather Leavesley Ledger Leeming Leigh Lenton Lester Lever Lightfoot Lilley Lindley Lindsay
Lister Litherland Littlewood Livesey Lock Lockett Lockwood Lomas Loughran Lovell Lowther Luckett
Lumb Lund Lunn Lynn Mabbott Machin Mackay Madden Maddison Major Makepeace Mallett Maltby Manning
Mansell Mapp Marchant Markham Marlow Marr Marsland Marston Martland Massey Mather Matthewson
Mawson Maxfield Maynard Mayo McAllister McBride McCabe McCall McCann McCormack McCoy McCulloch
McDermott McDowell McEwan McGill McGowan McGrath McGregor McIntosh McIntyre McKay McKee McLaren
McLaughlin McLean McLeod McMahon McManus McNally McNeil McPherson McQueen Meadows Meakin Medley
Melia Mercer Merrick Metcalf Middlemiss Midgley Millard Millington Millward Milne Minshull
Mitchinson Moffat Molyneux Monk Moorcroft Moorhouse Morley Mortimer Moseley Mosley Mottram
Mountford Mullen Munro Murdoch Musgrave Neale Needham Nesbitt Neville Newbold Newbould Newcombe
Newey Newsome Noakes Noble Norbury Norcross Northcott Nowell Nuttall Oakes Oakley Oates Ogden
Oldfield Oldham Oliphant Openshaw Orme Ormerod Orrell Osborn Oxley Padgett Paget Painter Palin
Pannell Pardoe Pargeter Parkhouse Parr Partridge Paterson Pattinson Peach Peake Pearsall Peel
Pemberton Pendlebury Penn Pennington Penrose Pepper Percival Perkin Petty Pickles Pickup
Pilkington Pinder Pitt Platts Plumb Pocock Pollitt Pomfret Pope Popplewell Postlethwaite Potts
Poulton Pountney Powley Prescott Priestley Prince Procter Prosser Pryor Pullen Purcell Pye
Quayle Radcliffe Rainford Ramsay Ramsden Rance Randle Ratcliffe Rawson Rayner Redfern Redman
Redmond Renshaw Revill Rhind Rice Richmond Ridgway Rigby Rimmer Ripley Rix Roach Roberson Robins
Rodgers Rollinson Roper Roscoe Rothwell Roulston Rounds Rourke Rowbotham Rowntree Royle Rudd
Rushton Russon Rutter Ryder Sadler Salt Sampson Sandford Sands Sargent Saville Sawyer Scholes
Scriven Seal Sealey Searle Sellers Settle Sewell Sexton Seymour Shackleton Sharples Shearer
Sheard Shelton Shenton Sherratt Sherwood Shipley Shipton Shorrock Shuttleworth Silcock Simms
Simmonds Skelton Slack Smalley Smethurst Smyth Snape Snell Snowden Somerville Southern Southwell
Sowerby Sparkes Speake Spears Speight Spiller Spooner Squires Stafford Stainton Stamp Standing
Stanton Stapleton Starkey Stead Steadman Stedman Stenson Stockdale Stocks Stockton Stoddart
Stoner Storer Stott Stowe Strange Stringer Strong Stuart Sturgess Styles Summerfield Swales
Swann Swindells Tait Tankard Tanner Tasker Tatham Tattersall Teale Tempest Tennant Thackeray
Thirlwall Thornber Thornley Threlfall Thwaites Tidy Tierney Tilley Timms Tipping Titley Tomkins
Toole Topping Tottle Towers Townley Tranter Trickett Trotter Truman Tuck Tuckwell Tully Tunstall
Turnbull Turton Twigg Tyrer Underwood Unwin Upton Vale Varley Venables Verity Vickers Villiers
Vine Waddington Wadsworth Wagstaff Wainwright Waite Wakefield Walmsley Warburton Wardle Wareing
Warrington Waterworth Watkinson Watmough Weatherall Webber Weeks Welsby Wenham Westbrook
Westwood Whalley Wharton Whatmore Wheatley Whelan Whitham Whiting Whitmore Whittle Wickens
Wigley Wild Wilde Wiley Wilkes Willett Willoughby Wills Wilmot Winstanley Winter Winterbottom
Wiseman Withers Witton Wolstenholme Woodall Woodhead Woodhouse Woodley Woodruff Woolley Worrall
Worsley Worthington Wragg Wren Wrigley Wylie Yardley Yarwood Yeoman Youd
";

/// Bearers per million by rank (see the module's sources).
const CURVE: &[(u32, f64)] = &[
    (1, 13_300.0),
    (2, 9_900.0),
    (3, 6_800.0),
    (4, 6_200.0),
    (5, 5_900.0),
    (6, 5_100.0),
    (7, 4_400.0),
    (8, 4_300.0),
    (9, 3_900.0),
    (10, 3_600.0),
    (15, 3_000.0),
    (22, 2_800.0),
    (49, 2_082.0),
    (77, 1_449.0),
    (93, 1_294.0),
    (128, 942.0),
    (390, 420.0),
    (563, 288.0),
    (746, 217.0),
    (1_318, 146.0),
    (1_975, 84.0),
    (2_534, 63.0),
    (3_472, 42.0),
    (4_605, 30.0),
    (5_799, 22.0),
    (11_886, 9.0),
    (16_554, 5.0),
];

/// First elements of English place-names, which most toponymic surnames are.
const PLACE_FIRST: &str = "
Ack Ald Alder Arm Arn Ash Ather Ayles Bag Bard Bark Barn Bars Bat Beck Bed Bel Ben Ber Bick
Bid Bil Bing Birch Black Blan Bol Bon Bos Bot Brad Bram Bran Bray Bren Brid Brig Brom Brook
Brough Buck Bur Burn Bux Cal Cam Car Carl Chad Chal Chap Chat Ches Chil Chip Clay Clif Cob Cod
Cold Col Con Cop Cor Cot Cow Crab Cran Crom Cros Crow Dal Dar Daw Den Der Dod Dor Dray Dun Dur
Eg Ell Elm Ever Fal Far Faw Fair Fen Fern Fin Fol Frod Gar Gat Gil Glad Glas Gold Grims Gris Hal
Ham Han Har Hart Has Hather Haw Hay Hazel Heath Hel Hen Hes Hey Hick Hin Hock Hol Hor Hors Hud
Hun Hur Kel Ken Kil King Kir Kirk Knot Lam Lang Lat Law Led Lid Lind Ling Lit Lock Long Lox Lud
Lyn Mal Mar Marl Maw Med Mel Mid Mil Mor Moss Mot Nap New Nor North Not Oak Old Ott Ox Pad Pal
Pem Pen Pick Pil Pres Rad Ram Raw Red Rid Rock Ros Roth Row Rud Rush Sal Sand Sax Scar Sed Sel
Shal Shar Shel Shep Sher Ship Shir Skel Slad Small Sned South Spal Stan Stap Stock Ston Stow
Strat Sud Sut Swin Tad Tam Tan Tat Thorn Thur Til Tod Tor Tot Tun Tur Wad Wal War Wat Wel Wen
West Whal Whit Wick Wig Wil Win Wint Wit Wol Wood Wool Wor Yar Yat
";

/// Second elements: farm, enclosure, ford, wood, hill, clearing and the like.
const PLACE_SECOND: &str = "
ton ley worth by ford field ham wood well bridge combe hurst den stead thorpe wick more land croft
dale shaw low cliffe cott bury brook stone ridge ington ingham hall holme burn hill gate side
thwaite mere moor borough
";

/// Surnames from fathers' names, diminutives and pet forms: Hobson, Wilcox, Perkins.
const PATRONYMIC: &str = "
Robson Robins Dobson Dobbs Hobson Hobbs Hodgson Hodgkins Hodgkinson Hodges Hopkinson Hopkins
Jenkinson Jenkins Perkins Perkinson Simkins Simpkins Tomkins Tomlinson Tompkins Dickens Dickinson
Dickson Dixon Nixon Hitchins Hitchcock Hudson Gibbs Gibson Gibbons Philpott Watkins Watkinson
Wilcox Wilcock Hancock Hancox Adcock Adkins Atkins Atkinson Hewitt Hewson Hughson Jefferson
Jeffries Jeffreys Jeffs Dawkins Dawes Davison Dyson Ellison Emmerson Emerson Hutchins Jameson
Jamieson Kitson Lawson Mallinson Matthewson Morrison Nicholson Nickson Parkinson Pattinson
Paterson Patterson Pierson Peters Peterson Rollinson Sampson Stevenson Tillotson Wilks Willis
Wills Hewlett Hamlett Bartlett Collett Tibbs Tibbetts Parkin Perrin Jenks Judd Judson Gilson
Gilkes Gillett Hamnett Hamson Harkin Harkins Hawkes Hickson Higgs Higginson Hitchen Hitchens
Hopson Huggins Jacks Jacklin Jepson Jopson Larkin Larkins Lamkin Malkin Meakin Mitchinson
Nevison Paskin Pattison Perks Phelps Philcox Pinson Randle Rankin Rawlings Rawson Ricketts Rix
Robbins Robey Rodgers Rogerson Sandison Simcox Simms Simmonds Stimpson Stimson Tennyson Timms
Timmins Tims Tonks Tomkinson Watkin Wilmot Wilmott Wilkes Wilcocks Addison Allison Anson Batson
Benson Bilson Bletsoe Cobbold Coulson Dennison Dodson Edkins Elkins Fenwick Gibbins Gilks
Hallett Harrod Hodson Hopkin Huckle Jarman Jenkin Lambkin Larcombe Marriott Mattock Nicks
Parnell Parrott Pawson Pellow Perrett Philbin Phipps Rabbitts Robins Sadd Sisson Stebbings
Tibble Tonkin Wadkins Wakelin Watkiss Wickens Wiggins Wilkin Wilkinson Willett Wilmshurst
";

/// Trades, offices and descriptions: Fletcher, Wainwright, Lightfoot.
const OCCUPATIONS_AND_NICKNAMES: &str = "
Archer Arrowsmith Bowman Bowyer Brazier Brewer Butcher Carpenter Cartwright Chandler Chaplin
Collier Coward Cutler Draper Falconer Faulkner Forester Forster Gardener Glazier Hayward Hooper
Horner Jagger Kempster Latimer Lister Lorimer Mercer Milner Packer Painter Pargeter Pinder
Plowman Plowright Poynter Reeve Ryder Sadler Sawyer Scrivener Scriven Shearer Spicer Spooner
Stringer Tanner Thatcher Tiler Trotter Tucker Venner Waller Warner Weaver Webber Wainwright
Shipwright Arkwright Boatwright Cheeseman Lockyer Goldsmith Nasmith Ironmonger Hosier Rymer
Badger Blackman Blunt Bright Bullock Crane Crowe Drake Fairbairn Fairweather Gentle Godfrey
Goodchild Goodman Gosling Hare Jolly Keen Kidd Lark Lightfoot Lovell Merriman Nightingale
Noble Parrott Proud Quick Rook Short Sparrow Speed Stark Stout Strong Swallow Swan Tait
Truelove Wild Wilde Wise Woolf Wren Youngman Bellamy Beverley Blythe Bonner Cheshire Chester
Cornish Darby Derbyshire Devonshire Durham English Fleming Gascoigne Holland Inglis Kent
Lancaster Norman Pickard Scott Walsh Welsh Wiltshire
";

/// Scottish `Mac`/`Mc` names: son of Donald, of Kenneth, of the parson.
const GAELIC_STEMS: &str = "
Donald Kenzie Leod Intosh Kay Gregor Lean Neil Pherson Arthur Farlane Allister Ewan Intyre
Laren Millan Kinnon Naughton Dougall Innes Gill Cann Guire Mahon Carthy Grath Cormack Cabe
Kenna Loughlin Namara Nally Govern Bride Keown Nulty Ateer Aulay Bain Connell Crae Culloch
Dowell Fadyen Gowan Hugh Iver Kie Lachlan Leish Master Nab Nair Quarrie Queen Rae Ritchie
Taggart Vicar Whirter William Alpine Andrew Ardle Askill Bean Beth Call Clure Coll Crindle
Cready Dermott Donagh Elroy Evoy Fall Fie Garry Gee Gilvray Glashan Grory Hale Ilroy Inally
Inerney Kechnie Keever Kelvie Kendrick Kerrow Laughlin Lellan Lennan Lintock Lure Manus
Menemy Mullan Murdo Niven Parland Phail Quade Quillan Rory Shane Sorley Sween Tavish Teer Vey
Vittie
";

/// Irish `O'` names.
const IRISH_O: &str = "
Brien Connor Neill Sullivan Donnell Reilly Rourke Hara Keefe Shea Mahony Callaghan Dwyer Leary
Donovan Driscoll Flaherty Gorman Grady Halloran Hanlon Kane Loughlin Malley Meara Regan Riordan
Toole Dea Dowd Farrell Gara Hagan Hanley Keeffe Mara Mahoney Neil Boyle Byrne Connell Doherty
Donoghue Dowling Flynn Hare Kelly Shaughnessy Sheehan Carroll Cleary Connolly Dempsey Donnelly
Higgins Kennedy Mullan Neal Reardon Rahilly
";

/// Irish and Welsh names without a prefix: Kavanagh, Whelan, Pritchard, Llewellyn.
const IRISH_AND_WELSH: &str = "
Brennan Burke Daly Dunne Healy Kavanagh Keane Kearney Kenny Lennon Maguire Mulligan Nugent
Phelan Rafferty Redmond Rooney Scully Tierney Tobin Toner Twomey Whelan Fitzsimons Mulvey
Cassidy Coughlan Cullen Delaney Devlin Donnelly Egan Finnegan Gorman Hennessy Hogan Keogh
Lenihan Lonergan Madden Mahon McGuinness Molloy Mooney Moriarty Mulcahy Prendergast Quigley
Rourke Shanahan Sheridan Slattery Treacy Bellis Beddoes Bevan Craddock Gwynne Howell Llewellyn
Meredith Probert Prosser Protheroe Preece Prothero Gittins Gwilliam Maddocks Tudor Wynne
Gwynn Jenkin Parry Pryce Powys Trevor Vaughan Bowen Cadwallader Gethin Lougher Nest Rhys
";

fn generated() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for first in PLACE_FIRST.split_whitespace() {
        for second in PLACE_SECOND.split_whitespace() {
            if let Some(name) = join(first, second)
                && name.len() <= 13
            {
                out.push(name);
            }
        }
    }
    for list in [PATRONYMIC, OCCUPATIONS_AND_NICKNAMES, IRISH_AND_WELSH] {
        out.extend(list.split_whitespace().map(str::to_string));
    }
    for stem in GAELIC_STEMS.split_whitespace() {
        out.push(format!("Mc{stem}"));
        out.push(format!("Mac{stem}"));
    }
    out.extend(IRISH_O.split_whitespace().map(|stem| format!("O'{stem}")));
    out
}

/// Double-barrelled names, pairs of common names in a fixed pattern: each is rare, and
/// together they are the surnames of under one person in a hundred.
fn double_barrelled() -> Vec<String> {
    let common: Vec<&str> = LISTED.split_whitespace().take(240).collect();
    let mut out = Vec::new();
    for (i, a) in common.iter().enumerate() {
        for step in [7, 31, 97] {
            let b = common[(i * 13 + step) % common.len()];
            if *a != b {
                out.push(format!("{a}-{b}"));
            }
        }
    }
    out
}

const SURNAMES: Surnames = Surnames {
    listed: &[LISTED, LESS_COMMON],
    curve: CURVE,
    generated: Some(generated),
    rarest: Some(double_barrelled),
    personal_male: &[],
    personal_female: &[],
};

const MALE_COHORTS: &[Cohort] = &[
    Cohort {
        born_before: 1940,
        names: "John Peter William Brian David James Michael Ronald Kenneth George Robert Dennis
            Roy Alan Thomas Derek Raymond Frederick Geoffrey Leslie Arthur Donald Eric Edward
            Charles Anthony Keith Stanley Gordon Albert Harold Douglas Norman Ernest Colin Richard
            Frank Terence Maurice Jack Bernard Walter Henry Cyril Leonard Sidney Francis Joseph
            Reginald Harry Patrick Gerald Alfred Malcolm Ian Graham Victor Herbert Percy Stephen",
        coverage: 0.86,
        top: 0.065,
    },
    Cohort {
        born_before: 1950,
        names: "John David Michael Peter Robert Anthony Brian Alan William James Richard Kenneth
            Roger Keith Colin Christopher Raymond Terence Barry Geoffrey Derek Graham Ronald Dennis
            Trevor Malcolm Thomas Stephen Paul George Edward Ian Roy Patrick Gordon Clive Martin
            Philip Donald Charles Eric Leslie Frederick Arthur Francis Douglas Norman Maurice
            Stanley Tony Gerald Bernard Harold Kevin Robin Neil Victor Ernest Joseph",
        coverage: 0.85,
        top: 0.06,
    },
    Cohort {
        born_before: 1960,
        names: "David John Stephen Michael Peter Robert Paul Alan Christopher Richard Anthony
            Andrew Ian Brian Keith Kevin Martin Philip William Graham Colin Roger Geoffrey Trevor
            Barry Malcolm Kenneth Terence Raymond Nigel James Gary Thomas Derek Patrick Mark Robin
            Neil Timothy Clive Edward George Gordon Roy Dennis Francis Leslie Ronald Frank Charles
            Steven Jeffrey Stuart Simon Jonathan Tony Russell Adrian Jeremy Melvyn",
        coverage: 0.83,
        top: 0.05,
    },
    Cohort {
        born_before: 1970,
        names: "David Paul Andrew Mark John Michael Stephen Ian Robert Richard Christopher Peter
            Simon Anthony Kevin Gary Steven Martin James Philip Alan Neil Nigel Timothy Colin
            Graham Jonathan Nicholas William Adrian Brian Stuart Keith Thomas Patrick Sean Carl
            Trevor Darren Wayne Dean Barry Lee Shaun Jeffrey Russell Karl Julian Robin Derek
            Terence Kenneth Roger Dominic Matthew Tony Raymond Edward Jason Craig Glenn Vincent
            Clive Jeremy Malcolm",
        coverage: 0.8,
        top: 0.045,
    },
    Cohort {
        born_before: 1980,
        names: "Paul Mark David Andrew Richard Christopher James Simon Michael Matthew Stephen
            Lee John Robert Darren Daniel Steven Jason Nicholas Jonathan Ian Neil Peter Stuart
            Anthony Martin Kevin Craig Philip Gary Dean Carl Adam Timothy Wayne Thomas Sean Scott
            Benjamin Alan Jamie Shaun Graham Russell William Ben Edward Barry Karl Gareth Robin
            Nathan Colin Alexander Adrian Dominic Jeremy Justin Marc Terry Tony Glen Leon Damian
            Ryan Gavin Duncan Marcus",
        coverage: 0.78,
        top: 0.04,
    },
    Cohort {
        born_before: 1990,
        names: "Christopher James David Daniel Michael Matthew Andrew Richard Paul Mark Thomas
            Adam Robert John Lee Benjamin Steven Jonathan Craig Stephen Simon Nicholas Peter
            Anthony Alexander Gary Ian Ryan Luke Jamie Stuart Philip Darren William Gareth Martin
            Kevin Scott Dean Joseph Jason Neil Samuel Carl Ben Sean Timothy Oliver Ashley Wayne
            Edward Shaun Aaron Liam Karl Jack Gavin Kieran Dale Jordan Stewart Nathan Ross Barry
            Graham Robin Ricky Danny Leon Marc Tom",
        coverage: 0.76,
        top: 0.04,
    },
    Cohort {
        born_before: 2000,
        names: "Thomas James Jack Daniel Matthew Ryan Joshua Luke Samuel Jordan Adam Michael
            Alexander Christopher Benjamin Joseph Liam Jake William Andrew George Lewis Oliver
            David Robert Callum Jamie Kieran Connor Aaron Nathan Sam Ashley Edward Charles Bradley
            Jonathan Harry Ben Reece Dean Kyle Dominic Scott Mark Richard Sean Craig Peter John
            Paul Stephen Alex Tom Rhys Tyler Elliot Charlie Cameron Josh Jacob Ross Dale Shane
            Shaun Mitchell Declan Joe Brandon Kane Max Ethan Owen",
        coverage: 0.72,
        top: 0.033,
    },
    Cohort {
        born_before: 2010,
        names: "Jack Joshua Thomas James Daniel Samuel Oliver William Benjamin Joseph Harry
            Matthew Lewis Ethan Luke Charlie George Callum Alexander Ryan Dylan Jake Adam Jacob
            Cameron Alfie Kieran Connor Liam Nathan Max Bradley Tyler Jamie Owen Kyle Reece Harvey
            Archie Leo Michael Aaron Jordan Rhys Sam Finlay Louis Henry Edward Toby Christopher
            Brandon Ben Isaac Charles Sebastian Morgan Billy Ewan Elliot Joe Jay Alex Mason Oscar
            Kai Corey Freddie Evan Louie Josh",
        coverage: 0.66,
        top: 0.022,
    },
    Cohort {
        born_before: 2020,
        names: "Oliver Jack Harry Jacob Charlie Thomas George Oscar James William Noah Alfie
            Joshua Henry Leo Archie Ethan Joseph Freddie Samuel Alexander Logan Daniel Isaac Max
            Benjamin Mason Lucas Edward Harrison Jake Dylan Riley Finley Theo Sebastian Adam
            Zachary Arthur Toby Jayden Luke Harley Lewis Tyler Harvey Matthew David Reuben Michael
            Elijah Kian Tommy Blake Luca Theodore Stanley Jenson Nathan Charles Frankie Jude Teddy
            Louie Louis Ryan Hugo Bobby Elliott Dexter Ollie Alex Liam Kai Gabriel Connor Aaron
            Frederick Callum Elliot Albert Leon Ronnie Rory Jamie Austin Seth Owen Caleb Ellis
            Sonny Robert Joey Felix Finlay Jackson",
        coverage: 0.6,
        top: 0.019,
    },
    Cohort {
        born_before: i32::MAX,
        names: "Noah Oliver George Leo Arthur Oscar Theodore Theo Freddie Henry Archie Jack Alfie
            Charlie Finley Luca Thomas Lucas Tommy Isaac Albie Teddy Hudson Harry Ezra Jacob Roman
            Reggie Arlo Louie Rory Edward Alexander Elijah William Max Joshua Ronnie Hugo Jude
            James Sonny Frankie Ralph Reuben Otis Grayson Elias Albert Jaxon Harrison Mason Ethan
            Stanley Bobby Louis Daniel Jesse Ellis Zachary Dylan Sebastian Rowan Toby Felix Hunter
            Jax Carter Samuel Joseph Austin Otto Ollie Caleb Jasper Logan Kai Benjamin Leon Milo
            Aaron Adam Chester Harvey Rupert Gabriel Jenson Jayden Leonardo",
        coverage: 0.53,
        top: 0.015,
    },
];

const FEMALE_COHORTS: &[Cohort] = &[
    Cohort {
        born_before: 1940,
        names: "Margaret Jean Mary Joan Patricia Sheila Barbara Doreen June Shirley Joyce Betty
            Dorothy Eileen Audrey Kathleen Elizabeth Sylvia Pamela Brenda Irene Marjorie Maureen
            Doris Peggy Valerie Beryl Edna Ann Olive Marion Gwendoline Iris Winifred Vera Hilda
            Ivy Evelyn Gladys Violet Lilian Phyllis Rita Elsie Florence Nancy Ruby Hazel Muriel
            Edith Ethel Mavis Grace Alice Freda Constance Annie Ellen Emily",
        coverage: 0.8,
        top: 0.05,
    },
    Cohort {
        born_before: 1950,
        names: "Margaret Patricia Christine Mary Jean Ann Susan Janet Maureen Barbara Valerie
            Anne Sheila Elizabeth Pamela Brenda Sandra Carol Kathleen Jennifer Gillian Marion
            Judith Linda Joan Diane Sylvia Shirley Rosemary Pauline Eileen Jacqueline June Angela
            Joyce Dorothy Irene Wendy Doreen Josephine Heather Hazel Veronica Marilyn Yvonne
            Audrey Janice Elaine Teresa Frances Catherine Helen Lesley Jane Sally Joy Beryl Vera",
        coverage: 0.8,
        top: 0.042,
    },
    Cohort {
        born_before: 1960,
        names: "Susan Linda Christine Margaret Janet Patricia Carol Elizabeth Mary Anne Ann Jane
            Jacqueline Barbara Sandra Gillian Pauline Elaine Lesley Angela Pamela Helen Jennifer
            Valerie Jean Maureen Judith Sheila Diane Wendy Kathleen Karen Alison Lynn Catherine
            Janice Marilyn Rosemary Brenda Deborah Denise Julie Frances Hilary Joan Beverley
            Yvonne Shirley Heather Veronica Teresa Sally Josephine Marion Marian Joy Kathryn Jill
            Lorraine Sarah Gail Dawn",
        coverage: 0.77,
        top: 0.04,
    },
    Cohort {
        born_before: 1970,
        names: "Susan Julie Karen Jacqueline Deborah Tracey Jane Helen Diane Sharon Tracy Angela
            Sarah Alison Caroline Amanda Sandra Linda Catherine Elizabeth Carol Joanne Wendy
            Janet Dawn Christine Nicola Lorraine Michelle Kim Kathryn Elaine Lisa Mandy Gillian
            Beverley Denise Claire Andrea Anne Sally Julia Lynn Rachel Jennifer Teresa Heather
            Annette Sheila Paula Margaret Donna Joanna Louise Lesley Debra Yvonne Anna Jayne
            Tina Joanna Maria",
        coverage: 0.74,
        top: 0.035,
    },
    Cohort {
        born_before: 1980,
        names: "Sarah Claire Nicola Emma Lisa Joanne Michelle Helen Samantha Karen Amanda Rachel
            Louise Julie Clare Rebecca Sharon Victoria Caroline Kelly Elizabeth Tracey Angela
            Catherine Natalie Dawn Donna Kerry Melanie Katherine Jennifer Deborah Zoe Alison
            Andrea Suzanne Sally Leanne Hayley Gemma Susan Joanna Stephanie Jacqueline Lindsey
            Tina Anna Laura Jane Kirsty Charlotte Kathryn Julia Kim Lucy Tanya Jodie Mandy Keeley
            Marie Lynsey Kate Sonia Wendy Alexandra",
        coverage: 0.74,
        top: 0.04,
    },
    Cohort {
        born_before: 1990,
        names: "Sarah Laura Gemma Emma Rebecca Claire Victoria Samantha Rachel Amy Jennifer Nicola
            Katie Lisa Kelly Natalie Louise Michelle Hayley Stacey Hannah Lauren Jessica Charlotte
            Kirsty Jodie Zoe Danielle Stephanie Joanne Elizabeth Helen Catherine Sophie Leanne
            Amanda Kerry Lucy Jade Katherine Jenna Carly Kimberley Lindsay Alice Alexandra Melissa
            Anna Kayleigh Sian Donna Holly Charlene Toni Ashleigh Kathryn Jemma Emily Abigail Sara
            Georgina Naomi Chloe Leah Natasha Rosie Kate",
        coverage: 0.72,
        top: 0.03,
    },
    Cohort {
        born_before: 2000,
        names: "Rebecca Lauren Jessica Charlotte Hannah Sophie Amy Emily Laura Emma Chloe Sarah
            Bethany Rachel Katie Megan Danielle Stephanie Jade Victoria Samantha Natalie Shannon
            Georgia Abigail Amber Holly Jennifer Zoe Kirsty Lucy Leanne Gemma Nicola Paige Kelly
            Alice Eleanor Hayley Ellie Kayleigh Jasmine Alexandra Natasha Olivia Courtney Leah
            Catherine Elizabeth Naomi Grace Sian Rosie Kimberley Melissa Charlene Ashleigh Jodie
            Aimee Robyn Chelsea Caitlin Demi Carly Jenna Anna Louise Toni",
        coverage: 0.68,
        top: 0.023,
    },
    Cohort {
        born_before: 2010,
        names: "Emily Ellie Jessica Sophie Chloe Lucy Olivia Charlotte Katie Megan Grace Hannah
            Amy Ella Mia Lily Abigail Emma Amelia Molly Lauren Millie Leah Holly Evie Isabelle
            Georgia Caitlin Ruby Rebecca Phoebe Bethany Jasmine Paige Eleanor Isabella Shannon
            Erin Courtney Anna Libby Madison Amber Abbie Freya Zoe Niamh Keira Summer Elizabeth
            Yasmin Rachel Poppy Alice Georgina Nicole Danielle Sarah Jade Eve Lydia Laura Rosie
            Samantha Imogen Alicia Victoria Tia",
        coverage: 0.6,
        top: 0.018,
    },
    Cohort {
        born_before: 2020,
        names: "Amelia Olivia Isla Emily Poppy Ava Isabella Jessica Lily Sophie Grace Sophia Mia
            Evie Ruby Ella Scarlett Isabelle Chloe Sienna Freya Phoebe Charlotte Daisy Alice
            Florence Eva Sofia Millie Lucy Evelyn Elsie Rosie Imogen Lola Matilda Elizabeth Layla
            Holly Lilly Molly Erin Ellie Maisie Maya Abigail Eliza Georgia Jasmine Esme Willow
            Bella Annabelle Ivy Amber Emilia Emma Summer Hannah Eleanor Harriet Rose Amelie Lexi
            Megan Gracie Zara Lacey Martha Anna Violet Darcey Maria Brooke Katie Leah Thea Darcie
            Hollie Amy Mollie Heidi Lottie Bethany Francesca Faith Harper Nancy Beatrice Isabel",
        coverage: 0.54,
        top: 0.015,
    },
    Cohort {
        born_before: i32::MAX,
        names: "Olivia Amelia Isla Lily Ivy Freya Florence Isabella Mia Willow Evie Sophia Ava
            Grace Elsie Sienna Rosie Poppy Harper Ella Margot Evelyn Daisy Maya Sofia Emily Luna
            Aria Phoebe Ruby Maeve Matilda Millie Olive Alice Eliza Isabelle Hallie Iris Mila
            Penelope Esme Bonnie Imogen Thea Lyla Emilia Arabella Layla Lottie Ada Aurora Violet
            Ellie Orla Beatrice Ayla Charlotte Molly Edith Georgia Chloe Mabel Nancy Delilah Eva
            Robyn Scarlett Hazel Ophelia Rose Maisie Clara Lucy Jessica Erin Zara Darcie Gracie
            Elodie",
        coverage: 0.49,
        top: 0.013,
    },
];

const MALE_RARE: &str = "
Aidan Alastair Alec Alistair Ambrose Angus Archibald Arran Ashton Aubrey Barnaby Basil Bertie
Bruce Byron Calvin Cecil Clarence Clement Clifford Conrad Cornelius Crispin Damon Dermot Desmond
Dudley Duncan Eamon Emmett Evan Ewan Fergus Finn Fraser Gilbert Glyn Guy Hamish Hector Herbert
Horace Howard Hugh Humphrey Ivor Jared Jerome Jethro Jolyon Kenny Kirk Lance Laurence Lawrence
Lenny Lionel Lloyd Lorcan Magnus Marshall Maxwell Miles Monty Morgan Murray Neville Niall Noel
Norman Orlando Percy Piers Quentin Rafe Randolph Rex Rodney Roland Rufus Spencer Sidney Silas
Solomon Sydney Terry Travis Tristan Troy Vernon Wallace Warren Wilfred Xavier Zak Abel Alvin
Barney Bradley Brendan Cameron Casey Cody Curtis Damien Dennis Elliott Fabian Felix Gerard
Gregory Harrison Jasper Jay Jerry Jimmy Jude Kurt Lucas Marcus Mathew Mitchell Nathaniel Neal
Perry Philip Ralph Reginald Rhys Roger Ross Royston Shane Stewart Timothy Warwick Wesley Zachary
";

const FEMALE_RARE: &str = "
Ada Adele Agnes Aileen Alana Alma Annabel Antonia April Ariana Avril Beatrix Belinda Bernadette
Bridget Bronwen Camilla Candice Carmel Cassandra Cecilia Celia Charity Cheryl Colette Connie
Cordelia Corinne Daphne Davina Delia Della Dionne Elise Ellen Elsa Enid Estelle Esther Eunice
Fay Felicity Fern Fiona Flora Geraldine Glenda Gloria Greta Gwen Harriet Hattie Heidi Helena
Henrietta Honor Ida Ingrid Isobel Janine Jemima Judith Juliet Justine Kara Kitty Lara Leila
Lena Leonie Letitia Lorna Lucinda Madeleine Marcia Marina Martha Maxine Mildred Miranda Miriam
Moira Morag Myra Nadine Nell Nora Norma Octavia Paula Pearl Petra Philippa Polly Primrose
Prudence Rhiannon Roberta Rosalind Rowena Selina Serena Shelley Sonia Stella Tabitha Tamsin
Tessa Thelma Una Ursula Vanessa Verity Vivienne Yvette Abbie Alison Angharad Beth Bryony
Caitlin Carla Caroline Cerys Ciara Darcy Diana Eloise Elaine Faye Gabrielle Hollie Jasmine Jodie
Josie Kerry Lindsay Lynne Marie Megan Natasha Nina Rhian Roxanne Ruth Siobhan Tara Tina
";

const MALE: Given = Given {
    cohorts: MALE_COHORTS,
    rare: MALE_RARE,
    middle_rate: 0.7,
    middles: "John James William Paul David Michael Thomas Anthony Robert Lee Peter Alan Edward
        George Charles Richard Andrew Joseph Stephen Mark Daniel Alexander Christopher Jack Henry
        Arthur Frederick Ian Scott Dean Jay Leigh Ray Keith Francis Patrick Alfred Albert Roy Harry
        Oliver Luke Samuel Matthew Louis Ernest Jon Wayne Craig Stuart Graham Kenneth Owen Rhys
        Lewis Ross Leon Jake Jamie Sean Reece Kai Ryan",
    middle_top: 0.07,
    middle_from_forenames: 0.45,
};

const FEMALE: Given = Given {
    cohorts: FEMALE_COHORTS,
    rare: FEMALE_RARE,
    middle_rate: 0.72,
    middles: "Louise Marie Ann Anne Jane Elizabeth Rose Mary May Mae Grace Victoria Jayne Lynn
        Michelle Jade Leigh Joanne Catherine Margaret Patricia Frances Alice Lily Emily Sophie
        Charlotte Amelia Hope Kate Lucy Maria Elaine Dawn Karen Nicole Claire Amy Jean Joan Helen
        Susan Isabel Evelyn Olivia Ellen Sarah Rachel Kay Lesley Lorraine Leanne Kim Rebecca",
    middle_top: 0.09,
    middle_from_forenames: 0.4,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "english_welsh_scottish_irish",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
