/**
 * The most common passwords of the public breach corpora (the classic "top
 * passwords" lists: numeric runs, keyboard walks, `password` variants, names,
 * teams, words), lower-cased. The policy rejects a password whose lower-cased
 * form is in this set, so `Password123` and `QWERTYUIOP` are refused too.
 * Entries shorter than the minimum length are kept: the list is also read by
 * humans checking what is refused, and it costs nothing.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster
soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars
klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass
maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew
access yankees 987654321 dallas austin thunder taylor matrix william corvette hello martin heather secret
merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick
internet scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever mickey chicken
sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari samsung andrea smokey
steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider nascar monster tigers yellow
xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore banana junior hannah 123654
porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston
q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver redsox player nikita knight fender
barney midnight please brandy chicago badboy slayer rangers charles angel flower bigdaddy rabbit wizard
bigdick jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r jasmine winter prince panties
marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321
12344321 golden 8675309 enigma jupiter 55555 madison gunner sophie dolphin jonathan theman frank 7777 ashley1
maxwell 0987654321 12341234 lucky 11223344 sexy 1q2w3e shannon 112233445566 azerty 123abc zaq12wsx 1qazxsw2
qwe123 qweasd qweasdzxc 12qwaszx zaq1zaq1 password1 password12 password123 password1234 password12345 passw0rd
p@ssw0rd p@ssword pa55word pa55w0rd passwort passpass passwd password! password2 password3 password01
mypassword newpassword changeme changeme123 letmein1 letmein123 welcome1 welcome123 welcome2 admin admin1
admin123 admin1234 administrator root toor login master1 qwerty1 qwerty12 qwerty123 qwerty1234 qwerty12345
qwerty123456 qwertyu qwertyui 1qaz2wsx3edc qazwsxedc qazwsxedcrfv qwaszx asdfghjkl asdfghjk asdfg asdf asd123
asdf1234 zxcv zxcvb zxcvbnm1 zxc123 qaz123 wsx123 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i9o0p q1w2e3
q1w2e3r4t5y6 1a2b3c 1a2b3c4d a1b2c3 a1b2c3d4 abcd1234 abcdef abcdefg abcdefgh abcdefghij abc12345 abc1234
aaa111 a12345 a123456 a1234567 a12345678 a123456789 123456a 123456q 1234567a 12345a 12345q 123456789a
123456789q 1234567890q 123qweasd 123qweasdzxc 1234abcd 0123456789 9876543210 1234512345 1111111111 0000000000
9999999999 5555555555 2222222222 1212121212 1231231231 1122334455 1234554321 1234567891 1234567899 12345678910
123456789101 0123456 01234567 012345678 123 12 1 123456789012 11111111111 1111111 111 00000 00000000 000000000
7654321 123654789 147258369 147258 258456 159357 741852963 963852741 951753 753951 852456 456789 456123 789456
789456123 987456321 123789 321654 1357924680 13579 24680 246810 1029384756 5201314 520520 1314520 147852369
159951 123159 147852 121314 131415 135790 102030 100200 112211 121122 123456123 123123a 123321a 12121212
13131313 22222222 44444444 55555555 66666666 77777777 99999999 123456654321 10203 102030405 1010101010 2580
1478963 3698741 258963 1236987 4444 5555 6666 8888 9999 1313 2222 3333 1212 4321 54321 654321a 11111a 111222
111222333 112358 1123581321 314159 3141592654 31415926 6969 696969a 42 69 420 4200 8008 80085 5150 1701 1984
1985 1986 1987 1988 1989 1990 1991 1992 1993 1994 1995 1996 1997 1998 1999 2001 2002 2003 2004 2005 2010 2020
2021 2022 2023 2024 1969 1970 1975 1980 1982 1983 1001 1030 7007 2112 2323 4128 michael1 jordan23 jordan1
hunter2 hunter1 buster1 soccer1 harley1 batman1 tigger1 sunshine1 iloveyou1 iloveyou12 iloveyou123 iloveu
iloveyou2 loveyou lovely loveme lover lovers love123 love1234 ilovegod ilovejesus ilove iloveme iloveme1 love1
princess1 princesa monkey1 monkey12 monkey123 dragon1 dragon12 dragon123 football1 football12 football123
baseball1 basketball basketball1 superman1 starwars1 freedom1 shadow1 master12 charlie1 charlie123 thomas1
robert1 daniel1 andrew1 joshua1 jessica1 ashley12 nicole1 matthew1 michelle1 jennifer1 anthony1 william1
chelsea1 diamond1 yankees1 thunder1 taylor1 matrix1 hello1 hello123 helloworld hello12 hellokitty heaven
hellothere secret1 secret123 summer1 summer12 summer123 winter1 winter12 spring autumn fall2020 summer2020
summer2021 winter2020 spring2021 whatever1 computer1 internet1 cheese1 pepper1 ginger1 cookie1 orange1 purple1
banana1 yellow1 silver1 golden1 flower1 flowers angel1 angels angel123 angelo angelina angela jesus jesus1
jesus123 jesuschrist christ christian god godislove blessed blessing faith heaven1 trinity grace hope peace
peaceful happy happy1 happy123 happiness smile smiley funny sunflower rainbow butterfly butterfly1 beautiful
pretty cutie cutie1 sweet sweetie sweetheart sweety honey honey1 honeybunny babygirl babygirl1 baby baby123
babyboy babyblue baby1 sexy1 sexygirl hottie hottie1 hotmail gmail yahoo facebook google twitter myspace
myspace1 linkedin youtube instagram snapchat pokemon pokemon1 nintendo playstation xbox360 minecraft naruto
batman123 spiderman ironman wolverine superstar starstar rockstar rockyou rocky rocky1 rocket metallica
nirvana eminem slipknot beatles elvis ozzy marley bob marley1 tupac 50cent shakira britney madonna beyonce
rihanna justinbieber bieber onedirection directioner zxcvbnm123 samsung1 nokia iphone apple apple123 macintosh
microsoft windows linux ubuntu unix oracle cisco dell lenovo toshiba sony sony123 panasonic canon nikon
compaq1 siemens intel amd nvidia hp123 asus acer bmw audi porsche1 ferrari1 lamborghini mercedes1 mustang1
camaro1 corvette1 chevy chevrolet ford ford123 honda toyota nissan mazda subaru yamaha1 suzuki kawasaki ducati
harleydavidson jeep jaguar volvo volkswagen beetle tesla turbo bigboy bigdog1 doggie doggy puppy puppies
kitten kitty kitty1 kittycat pussycat cat123 catdog tiger tiger1 lion lionking leopard panther panther1
panthers cheetah wolf wolves wolfpack fox bear bears teddy teddybear bunny bunny1 rabbit1 turtle dolphin1
dolphins shark sharks whale penguin eagle eagle1 falcon1 hawk hawks raven crow parrot snake cobra viper python
scorpion spider1 horse horses pony cowboy1 cowgirl monkeys donkey mouse mickeymouse minnie goofy pluto tweety
garfield scooby1 scoobydoo snoopy1 simba nemo dory elmo barney1 blink182 tinkerbell cinderella barbie bratz
pikachu charmander sonic mario luigi zelda link kirby yoshi bowser peach daisy sakura kakashi sasuke goku
vegeta dragonball gohan bulma anime hentai otaku manga ninja ninja1 samurai shogun warrior warrior1 soldier
army navy marines marine1 airforce pilot captain commander general major sergeant admiral police police1
fireman doctor nurse teacher student school school1 college university science physics chemistry biology
history english spanish french german italy italia roma rome paris france london1 england scotland ireland
wales britain america america1 usa usa123 canada mexico brazil brasil argentina colombia peru chile spain
espana portugal russia russia1 moscow china japan tokyo korea india delhi mumbai pakistan africa australia
sydney melbourne newyork california texas florida miami chicago1 boston1 dallas1 houston atlanta denver
seattle detroit phoenix1 vegas lasvegas hollywood brooklyn bronx manhattan jersey newjersey ohio virginia
georgia1 carolina alabama kentucky tennessee arizona nevada oregon montana alaska hawaii indiana kansas
nebraska iowa utah maryland liverpool liverpool1 chelsea123 arsenal1 manchester manutd united barcelona barca
realmadrid madrid juventus milan acmilan inter bayern celtic rangers1 everton newcastle tottenham spurs leeds
leedsunited westham aston villa fulham lakers1 celtics bulls knicks heat spurs1 warriors rockets mavericks
cavaliers raptors nets yankees123 redsox1 mets dodgers giants giants1 cubs braves orioles cardinals astros
padres eagles1 steelers1 patriots packers cowboys1 raiders1 broncos chargers dolphins1 jets bills bengals
browns ravens colts texans titans jaguars chiefs seahawks 49ers niners vikings bears1 lions saints falcons
panthers2 redskins buccaneers rams gators longhorns buckeyes hurricane wildcats tarheels bulldogs hoosiers
trojans sooners huskers badgers hawkeyes seminoles crimson tide nascar1 golf golf1 golfer1 tennis1 boxing
fishing1 hunting hunting1 skiing surfing surfer skater skate skateboard snowboard bmx biker runner running
swimming dancer dancing dance music music1 musician guitar1 drummer drums piano bass singer rock rocknroll
rockandroll metal punk jazz blues reggae hiphop rap rapper dj techno house disco party party1 partyboy beer
beer123 vodka whiskey tequila wine martini bacardi budweiser heineken corona guinness coke pepsi sprite
coffee1 tea chocolate chocolate1 candy candy1 cookie123 cupcake cake cheese123 pizza pizza1 burger hamburger
hotdog taco tacos nachos pasta spaghetti sushi chicken1 bacon steak apple1 apples banana12 cherry strawberry
blueberry raspberry lemon lime mango peaches peach1 pineapple coconut melon watermelon potato tomato carrot
pumpkin popcorn peanut1 peanutbutter butter sugar sugar1 spice salt pepper12 ginger12 cinnamon vanilla caramel
icecream milk water fire earth wind air ice snow snowball snowman rain storm lightning tornado blizzard sun
moon star stars sky skywalker galaxy universe planet jupiter1 mars venus saturn pluto1 mercury neptune orion
cosmos space nasa alien aliens ufo matrix123 neo morpheus zion trinity1 smith agent agent007 007 bond
jamesbond james1 bond007 secretagent spy hacker hacker1 hackme hack cracker crack cyber cyberpunk virus trojan
malware password0 nopassword nopass mypass mypassword1 passw0rd1 pass1234 pass12 pass1 pass123456 password7
password8 password9 passwords pwd pwd123 secure security security1 private privacy access1 access14
accessdenied letmein2 openup opensesame open sesame unlock unlocked default default1 guest guest1 guest123
user user1 user123 username test1 test12 test123 test1234 testing testing1 testing123 tester demo demo123
sample example temp temp123 temporary trial abc abcabc abc123456 aaa aaaa aaaaa aaaaaaa aaaaaaaa aaaaaaaaaa
zzzzzz zzzzzzzz xxxxxxxx qqqqqq qqqqqqqq wwwwww asdasd asdasdasd qweqwe qweqweqwe zxczxc 123asd asd123456
qwe321 ewq321 rewq4321 poiuytrewq lkjhgfdsa mnbvcxz mnbvcxz1 ytrewq qwert qwert1 qwert123 trewq asdfg1 zxcvbn1
1qaz 2wsx 3edc 1qaz1qaz 1qaz!qaz 1qazxsw23edc !qaz2wsx qwer qwerasdf qwerasdfzxcv qazxsw qazxswedc wsxedc
edcrfv rfvtgb tgbyhn yhnujm zaqxsw zaqwsx xswzaq 123qaz 321qaz 147369 poiuyt lkjhgf asdfjkl jkl123 hjkl
hjkl123 jklasdf 0147258369 741852 852963 963852 789123 789789 456456 321321 qwerty7 qwerty11 qwerty01 qwerty09
azerty123 azertyuiop qwertz qwertz123 qwertzuiop ytrewq1 password99 1password 111qqq 1q1q1q qaqaqa azazaz
zazaza xyz xyz123 asdzxc zxcasd zxcasdqwe qweasdzxc123 qwertyuiopasdfghjkl mustang123 ferrari123 killer1
killer123 assassin sniper shooter gunner1 gunslinger outlaw bandit bandit1 pirate pirates viking vikings1
spartan spartans gladiator titan titanic trojan1 hercules zeus apollo athena poseidon hades odin thor loki
valhalla freya merlin1 wizard1 magic magic1 magician sorcerer witch dragon2 dragons dragonfly phoenix2 griffin
unicorn unicorn1 pegasus centaur demon demon1 devil devil666 satan lucifer angel666 hell hellfire heaven7
darkness darkside dark darklord shadow12 shadow123 ghost ghost1 zombie vampire werewolf monster1 beast legend
legend1 legends hero heroes superhero champion champion1 champ winner1 winners victory victor loser nobody
someone somebody anything nothing everything always never forever1 together friends friend friendship
bestfriend bff family family1 mother1 father dad daddy daddy1 mom mommy mommy1 mama papa brother sister son
daughter grandma grandpa husband wife wifey hubby baby12 babe baby2 princess12 prince1 king king1 kingdom
queen queen1 lady ladies gentleman boss boss123 bigboss chief master123 slave servant lord lordoftherings
frodo gandalf1 gollum hobbit sauron aragorn legolas harrypotter harry potter hermione hogwarts voldemort
dumbledore startrek enterprise spock kirk picard ncc1701d starwars123 yoda jedi sith vader darthvader luke
leia chewbacca r2d2 c3po skywalker1 matrix2 terminator predator rambo rocky2 batman2 joker joker1 catwoman
robin superman2 flash aquaman wonderwoman hulk thor1 avengers marvel dccomics xmen deadpool venom blade
punisher daredevil jennifer2 jessica2 ashley2 amanda1 samantha1 melissa1 heather1 hannah1 sarah sarah1 emily
emily1 emma emma1 olivia sophia sophie1 isabella ava mia abigail madison1 elizabeth chloe natalie grace1 lily
lauren lauren1 rachel1 rebecca megan megan1 kayla brittany brittany1 stephanie stephanie1 danielle amber
amber1 crystal1 tiffany tiffany1 vanessa victoria1 veronica monica monique nicole2 nikki natasha1 anna anna123
maria maria1 mariana marina1 martina alexandra alexis alexa alex alex123 alexander alexander1 andrea1 angela1
angelica christina christine courtney kimberly kimberly1 kelly kelly1 katie katherine kathy karen karina kate
caroline carolina1 catherine charlotte cheyenne chelsey destiny diana dominique erica erin gabriela gabriel
hailey haley holly jacqueline jasmine1 jenna jenny jordan2 julia julie juliet justine kristen kristina laura
leslie lindsay lisa lucy mandy melanie michele molly nancy naomi paige pamela patricia rose roxanne sabrina
sandra savannah shannon1 sharon shelby sierra stacy susan tanya teresa tina valerie vicky whitney yvonne zoe
michael2 michael12 mike mike123 mikey david david1 david123 john john123 johnny1 johnson jason jason1 jeremy
jeffrey jeff jack jackie jackson1 jacob jake james123 jamie jared jesse jimmy joe joel joey jon jonathan1 jose
joseph1 josh juan justin1 kevin kevin1 kyle larry lee leo leon lucas luke1 marcus mark mark1 martin1 mason
matt matthew2 max max123 maxwell1 maximus nathan nathaniel nick nicholas nicolas noah oscar patrick1 paul
peter peter1 phillip ricardo rick ricky robert2 robin1 rodney ronald ronaldo ryan sam sammy samuel scott sean
sebastian sergio simon stephen steve steven1 stuart ted terry thomas2 tim timothy tom tommy tony travis trevor
tyler tyler1 victor1 vincent walter wayne william2 willie xavier zachary buddy buddy1 lucky1 lucky7 lucky13
max1 bella bella1 molly1 daisy1 maggie1 sadie rocky123 bailey1 coco cooper toby bear1 duke zeus1 jake1 oreo
princess123 snickers sassy sasha sasha1 shadow2 smokey1 sparky1 spike tigger2 ginger2 misty muffin muffin1
peanuts pookie pumpkin1 rascal rusty rusty1 sammy1 scooter1 snowflake sunny sweetpea taz teddy1 tucker
whiskers ziggy hockey1 soccer12 hunter12 charlie2 nascar24 jordan12 michael23 kobe kobe24 lebron lebron23
messi messi10 ronaldo7 cr7 neymar beckham zidane pele maradona tiger123 tigerwoods jordan123 allstar allstars
slamdunk touchdown homerun goal goalie striker captain1 coach referee qwerty1234567 1234qwerasdf 1q2w3e4r5
zaq1xsw2 zaq1xsw2cde3 1qa2ws3ed 1qa2ws3ed4rf q2w3e4r5 a1s2d3f4 z1x2c3v4 asdf123 asdf12345 asdfqwer 1234asdf
4321rewq qwer4321 zxcv1234 1234zxcv zxcvasdf abc321 cba321 123aaa aaa123 iloveyou! iloveyoubaby iloveyoutoo
ilovemymom ilovemom ilovedad ilovemyself iloveu2 iloveyousomuch lovelove loveyou1 loveyou2 love4ever
loveforever truelove mylove mylove1 myheart heart hearts sweetlove lovebug computer12 internet123 football11
baseball11 soccer123 hockey123 basketball123 football2 superman123 batman12 welcome12 letmein12 changeme1
passw0rd123 p@ssw0rd1 p@ssw0rd123 p4ssw0rd p455w0rd passwordpassword qwertyqwerty asdfasdfasdf 123qwe123
qwe123qwe abc123abc 123abc123 qwerty12345678 password!@# !@#$%^ !@#$%^&* !qaz@wsx 1q2w3e! zaq!2wsx 1qaz@wsx
qwe!@# asd!@# 123!@# 1234!@#$ 12345! 123456! password1! welcome! letmein! trustno1! admin! root123 root1234
toor123 administrator1 superuser sysadmin webmaster manager manager1 support service server system system1
network office office123 company business finance money1 money123 cash dollar dollars rich richard1 million
millionaire billionaire gold gold123 platinum silver123 diamond123 ruby emerald sapphire pearl crystal123
jewel treasure fortune lucky123 luck karma destiny1 dream dreams dreamer imagine believe trust faith1 charity
hope1 miracle wonder wonderful awesome awesome1 cool cool123 coolboy coolgirl cooldude dude dude123 man woman
girl girls boy boys girl1 boy1 lady1 player1 player69 pimp pimpin gangsta gangster thug thuglife money$
hustler baller killer12 badass badboy1 badgirl bitch bitch1 bitches fuckyou fuckyou1 fuckoff fuck shit asshole
bastard dick dickhead pussy cunt cock penis vagina boobs tits sex sex123 sexsex sexy123 sexygirl1 sexyboy
sexylady naughty horny kinky porn porno pornstar xxx xxx123 69696969 blowjob fucker fuckme fucking lol lol123
lolipop lollipop lmao haha hahaha hehe hehehe hihi omg wtf yes yesyes no nono ok okay qwerty321 q1q2q3q4
1w2e3r4t 2w3e4r5t zse4xdr5 xsw2zaq1 cde3xsw2 vfr4cde3 mju7nhy6 bhu8nji9 nji9mko0 0okm9ijn 1z2x3c4v 1234567q
12345678a 12345678q 87654321a 1234567891011 123698745 963258741 741258963 159632 357159 3216549870
`
    .split(/\s+/)
    .filter((entry) => entry.length > 0),
);
