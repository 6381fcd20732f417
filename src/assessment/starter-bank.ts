import { ItemBank } from "./schema.js";

// Compact source of the starter bank. Each entry: [kind, level, stem, ...]. In choice items the correct
// option is written first and the builder shuffles the display order deterministically; in ordering
// items the options are written in the correct order and shown in another one.
type Raw =
  | readonly ["s", number, string, readonly string[]]
  | readonly ["m", number, string, readonly string[], readonly number[]]
  | readonly ["n", number, string, number]
  | readonly ["o", number, string, readonly string[]]
  | readonly ["t", number, string, readonly string[]];

const RAW: Readonly<Record<string, readonly Raw[]>> = {
  "1.1": [
    ["s", 1, "Vous cherchez les horaires d'ouverture de la médiathèque de votre ville. Que tapez-vous dans un moteur de recherche ?", ["horaires médiathèque et le nom de la ville", "médiathèque", "bonjour je voudrais savoir quand c'est ouvert", "www"]],
    ["s", 2, "Un résultat de recherche porte la mention « Annonce » ou « Sponsorisé ». Qu'est-ce que cela veut dire ?", ["Quelqu'un a payé pour qu'il apparaisse", "C'est le résultat le plus fiable", "Le site est forcément officiel", "Le site ne contient pas de publicité"]],
    ["m", 3, "Quels indices aident à juger si une page d'information est fiable ? (plusieurs réponses)", ["L'auteur ou l'organisme est indiqué", "La date de publication est visible", "Le titre est écrit en majuscules", "Les sources sont citées"], [0, 1, 3]],
    ["s", 3, "Dans un moteur de recherche, écrire \"contrat d'apprentissage\" entre guillemets sert à :", ["chercher cette expression exacte", "exclure ces mots", "chercher uniquement des images", "traduire les mots"]],
    ["s", 4, "Vous voulez être prévenu dès qu'un site d'offres d'emploi publie une annonce « technicien support ». Le plus efficace :", ["créer une alerte ou s'abonner aux nouvelles annonces", "recharger la page toutes les heures", "imprimer la page chaque matin", "écrire au site chaque semaine"]],
    ["s", 5, "Une photo choquante circule avec une légende sur un événement récent. Quelle vérification est la plus utile ?", ["Une recherche inversée de l'image pour trouver sa première publication", "Compter le nombre de partages", "Lire les commentaires", "Vérifier que l'image est nette"]],
    ["t", 6, "Dans la plupart des moteurs de recherche, quel caractère placé juste devant un mot exclut les pages qui contiennent ce mot ? (un seul caractère)", ["-"]],
  ],
  "1.2": [
    ["s", 1, "Vous voulez retrouver facilement vos documents de recherche d'emploi. Le mieux :", ["les ranger dans un dossier nommé « Recherche emploi »", "les laisser tous sur le bureau", "les nommer « document1 », « document2 »…", "les supprimer après lecture"]],
    ["s", 2, "Que signifie « .pdf » à la fin du nom d'un fichier ?", ["Le type du fichier (un document PDF)", "La taille du fichier", "Le nom de l'auteur", "La date de création"]],
    ["o", 3, "Remettez dans l'ordre le chemin d'accès à votre CV, du dossier le plus général au fichier.", ["Documents", "Emploi", "cv.pdf"]],
    ["s", 3, "Vous avez supprimé un fichier par erreur sur votre ordinateur. Où regardez-vous d'abord ?", ["Dans la corbeille", "Dans le navigateur", "Dans la boîte de réception", "Dans les réglages de l'écran"]],
    ["s", 4, "Quelle pratique protège le mieux vos fichiers importants contre une panne de disque ?", ["Garder une copie sur un autre support ou en ligne", "Les ranger dans plusieurs dossiers du même disque", "Les renommer", "Les compresser"]],
    ["n", 5, "Une clé USB peut contenir 16 Go. Chaque vidéo pèse 1,5 Go. Combien de vidéos entières pouvez-vous y mettre au maximum ?", 10],
    ["s", 6, "Pour que des fichiers se trient tout seuls par date dans un dossier, quel nom est le plus adapté ?", ["2025-03-07_compte-rendu", "7 mars compte-rendu", "compte-rendu du 07-03", "CR_mars_7"]],
  ],
  "1.3": [
    ["s", 1, "Dans un tableur, comment s'appelle la case à l'intersection d'une ligne et d'une colonne ?", ["Une cellule", "Une fenêtre", "Un onglet", "Un dossier"]],
    ["s", 2, "Dans un tableur, où se trouve la cellule B3 ?", ["Colonne B, ligne 3", "Ligne B, colonne 3", "Sur la troisième feuille", "Dans la feuille nommée B"]],
    ["n", 3, "Les cellules A1 à A4 contiennent 2, 4, 6 et 8. Quel résultat affiche la formule =SOMME(A1:A4) ?", 20],
    ["n", 3, "Les cellules A1 à A4 contiennent 2, 4, 6 et 8. Quel résultat affiche la formule =MOYENNE(A1:A4) ?", 5],
    ["s", 4, "Vous voulez afficher seulement les lignes d'un tableau dont la colonne « Statut » vaut « inscrit ». Que faites-vous ?", ["Je pose un filtre sur la colonne Statut", "Je supprime les autres lignes", "Je trie par ordre alphabétique", "Je colore les cellules"]],
    ["s", 5, "La formule =A1*$B$1 est copiée de la cellule C1 vers C2. Que devient-elle ?", ["=A2*$B$1", "=A2*$B$2", "=A1*$B$1", "=B2*$C$1"]],
    ["n", 6, "Une colonne contient 40 ventes ; 12 d'entre elles dépassent 100 €. Quel pourcentage des ventes dépasse 100 € ? (nombre sans le signe %)", 30],
  ],
  "2.1": [
    ["s", 1, "Pour envoyer un courriel, que faut-il obligatoirement indiquer ?", ["L'adresse du destinataire", "Une pièce jointe", "Une signature", "Une image"]],
    ["s", 2, "Dans un courriel, à quoi sert le champ « Objet » ?", ["À résumer en quelques mots le sujet du message", "À indiquer l'adresse de l'expéditeur", "À joindre un fichier", "À mettre quelqu'un en copie"]],
    ["s", 3, "Vous écrivez à plusieurs personnes qui ne se connaissent pas. Pour ne pas montrer leurs adresses aux autres, vous les mettez en :", ["copie cachée (Cci)", "copie (Cc)", "destinataires (À)", "objet"]],
    ["s", 3, "Vous recevez un courriel envoyé à 30 personnes et voulez remercier seulement l'expéditeur. Vous cliquez sur :", ["Répondre", "Répondre à tous", "Transférer", "Supprimer"]],
    ["m", 4, "Dans une visioconférence de groupe, quelles pratiques facilitent l'échange ? (plusieurs réponses)", ["Couper son micro quand on ne parle pas", "Demander la parole avant d'intervenir", "Parler en même temps pour gagner du temps", "Prévenir si l'on doit s'absenter"], [0, 1, 3]],
    ["s", 5, "Le message d'un collègue vous semble agressif. Quelle réaction est la plus adaptée ?", ["Prendre un peu de temps, puis proposer d'en parler de vive voix", "Répondre tout de suite sur le même ton", "Transférer le message à toute l'équipe", "Ne plus jamais lui répondre"]],
    ["s", 6, "Votre fichier pèse 60 Mo mais votre messagerie limite les pièces jointes à 25 Mo. Que faites-vous ?", ["Je dépose le fichier sur un espace de partage et j'envoie le lien", "J'envoie quand même, le message partira", "Je renomme le fichier", "Je colle le contenu dans l'objet"]],
  ],
  "2.2": [
    ["s", 1, "Vous publiez une photo sur un réseau social en mode « public ». Qui peut la voir ?", ["N'importe qui", "Seulement vous", "Seulement vos proches", "Personne tant que vous ne l'envoyez pas"]],
    ["s", 2, "Avant de publier une photo où l'on reconnaît d'autres personnes, il faut :", ["leur demander leur accord", "flouter l'arrière-plan", "attendre une semaine", "la passer en noir et blanc"]],
    ["s", 3, "Vous partagez un document en ligne pour qu'un collègue le lise sans pouvoir le modifier. Quel droit lui donnez-vous ?", ["Lecture seule", "Modification", "Propriétaire", "Aucun droit"]],
    ["s", 4, "Une image est publiée sous licence Creative Commons « CC BY ». Pour la réutiliser, vous devez :", ["citer son auteur", "payer l'auteur", "ne jamais la modifier", "demander un devis"]],
    ["s", 4, "Un lien « toute personne disposant du lien peut consulter » a été envoyé par erreur à un inconnu. Que faites-vous ?", ["Je désactive ou je change le lien de partage", "Je renomme le document", "Je supprime le message de ma boîte d'envoi", "Rien, le lien expire tout seul"]],
    ["m", 5, "Vous annoncez un atelier sur le site d'une association. Quelles informations sont indispensables ? (plusieurs réponses)", ["La date et l'heure", "Le lieu ou le lien de connexion", "Le moyen de s'inscrire ou de poser une question", "La couleur préférée de l'animateur"], [0, 1, 2]],
    ["s", 6, "Vous voulez reprendre un texte trouvé en ligne, sans licence indiquée. Par défaut :", ["il est protégé : il faut l'autorisation de son auteur", "il est libre de droits puisqu'il est en ligne", "on peut le reprendre en changeant quelques mots", "on peut le reprendre s'il a plus d'un an"]],
  ],
  "2.3": [
    ["s", 1, "Plusieurs personnes doivent écrire dans le même document en même temps. Le plus pratique :", ["un document partagé en ligne", "s'envoyer le fichier par courriel à tour de rôle", "chacun écrit sur papier", "une clé USB qui circule"]],
    ["s", 2, "Dans un document partagé, à quoi sert un commentaire ?", ["À faire une remarque sans modifier le texte", "À supprimer un paragraphe", "À changer la police", "À fermer le document"]],
    ["s", 3, "Dans un tableau de suivi partagé, une tâche n'a pas de responsable. Quel est le risque ?", ["Que personne ne s'en occupe", "Qu'elle soit faite deux fois plus vite", "Que le tableau soit supprimé", "Il n'y a aucun risque"]],
    ["s", 3, "Hier, un collègue a effacé par erreur une partie d'un document partagé. Quelle fonction permet de la retrouver ?", ["L'historique des versions", "Le correcteur d'orthographe", "Le zoom", "Le mode plein écran"]],
    ["s", 4, "Pour fixer une réunion avec cinq personnes aux agendas chargés, le plus efficace :", ["proposer plusieurs créneaux dans un sondage de dates", "appeler chacun plusieurs fois", "choisir une date sans demander", "envoyer cinq courriels séparés"]],
    ["o", 4, "Dans un projet à plusieurs, remettez les étapes dans un ordre logique.", ["Définir l'objectif commun", "Répartir les tâches", "Faire le point sur l'avancement", "Présenter le résultat"]],
    ["s", 6, "Deux personnes modifient chacune hors ligne la même version d'un fichier, puis le synchronisent. Que se passe-t-il le plus souvent ?", ["Un conflit de versions à résoudre", "Les deux versions fusionnent toujours parfaitement", "Le fichier est effacé", "Rien ne change"]],
  ],
  "2.4": [
    ["s", 1, "Qu'est-ce que votre « identité numérique » ?", ["L'ensemble des traces et informations qui vous concernent en ligne", "Votre numéro de téléphone seulement", "Le modèle de votre ordinateur", "Votre mot de passe"]],
    ["s", 2, "Un recruteur cherche votre nom sur Internet. Ce qu'il trouve :", ["peut influencer son avis sur votre candidature", "n'a aucune importance", "est toujours effacé au bout d'un an", "est réservé à la police"]],
    ["s", 3, "Un site vous demande de créer un compte pour une démarche administrative. Comment vous assurer que c'est le vrai site ?", ["Je vérifie son adresse et j'y accède depuis le portail officiel", "Il a un joli logo", "Il promet une réponse immédiate", "Il demande le code de ma carte bancaire"]],
    ["s", 4, "Vous voulez limiter ce que des inconnus voient de votre profil sur un réseau social. Que faites-vous ?", ["Je règle les paramètres de confidentialité", "Je change de photo de profil", "Je publie plus souvent", "J'ajoute plus de contacts"]],
    ["m", 5, "Sur un profil professionnel en ligne, quelles informations valorisent une candidature dans le numérique ? (plusieurs réponses)", ["Les projets réalisés, même personnels", "Les formations et ateliers suivis", "Les compétences, avec des exemples", "Mon mot de passe"], [0, 1, 2]],
    ["s", 5, "Un commentaire injurieux vous vise sur un forum. Quelle action est la plus adaptée ?", ["Le signaler à la modération et en garder une capture", "Répondre par des insultes", "Supprimer immédiatement mon compte", "Le partager partout"]],
    ["s", 6, "Qu'est-ce qu'un algorithme de recommandation sur une plateforme de vidéos ?", ["Un programme qui choisit quoi vous montrer d'après votre usage", "Un conseiller humain qui regarde vos vidéos", "Un filtre qui bloque les virus", "Un réglage de luminosité"]],
  ],
  "3.1": [
    ["s", 1, "Dans un traitement de texte, pour mettre un mot en gras, on le sélectionne puis :", ["on clique sur le bouton « gras »", "on appuie sur Supprimer", "on change la taille de la page", "on l'imprime"]],
    ["s", 2, "À quoi sert le correcteur d'orthographe ?", ["À signaler les fautes probables", "À traduire le texte", "À mettre le texte en page", "À compter les images"]],
    ["s", 3, "Pour que tous les titres d'un long document aient la même forme et apparaissent dans la table des matières, on utilise :", ["les styles de titre", "des espaces", "la touche Majuscule", "des images de texte"]],
    ["s", 3, "Pour commencer une nouvelle page sans appuyer trente fois sur Entrée, on insère :", ["un saut de page", "un tableau", "une note de bas de page", "un commentaire"]],
    ["s", 4, "Vous envoyez votre CV à un employeur. Quel format garde la mise en page sur tous les ordinateurs ?", ["PDF", "Le format de mon traitement de texte", "Une photo de l'écran", "Un fichier texte brut"]],
    ["s", 5, "Le mode « suivi des modifications » d'un traitement de texte sert à :", ["voir, accepter ou refuser les changements proposés", "enregistrer automatiquement", "protéger le fichier par un mot de passe", "changer la langue"]],
    ["s", 6, "Vous envoyez une même lettre à 50 personnes ; seuls les noms et adresses changent. Quelle fonction utilisez-vous ?", ["Le publipostage (fusion)", "Rechercher et remplacer", "Le suivi des modifications", "Le zoom"]],
  ],
  "3.2": [
    ["s", 1, "Quel type de fichier est une photo ?", ["Une image (par exemple .jpg ou .png)", "Un tableur", "Un fichier audio", "Un programme"]],
    ["s", 2, "Pour enlever les bords inutiles d'une photo, on utilise l'outil :", ["Rogner (recadrer)", "Pivoter", "Luminosité", "Imprimer"]],
    ["s", 3, "Une image de 4000 × 3000 pixels est trop lourde pour une page web. Que faites-vous ?", ["Je la redimensionne et je la compresse", "Je la renomme", "Je la transforme en document texte", "Je l'ouvre deux fois"]],
    ["n", 4, "Une image mesure 1200 pixels de large et 800 de haut. Vous la réduisez à 600 pixels de large en gardant ses proportions. Quelle est sa nouvelle hauteur, en pixels ?", 400],
    ["s", 4, "Quel format d'image peut garder un fond transparent ?", ["PNG", "JPG", "PDF", "MP3"]],
    ["s", 5, "Dans un logiciel de montage vidéo, la ligne de temps (timeline) sert à :", ["placer et ordonner les séquences dans le temps", "choisir la langue du logiciel", "envoyer la vidéo par courriel", "régler l'heure de l'ordinateur"]],
    ["s", 6, "Par rapport à une photo faite de pixels, une image vectorielle (par exemple SVG) a l'avantage de :", ["pouvoir être agrandie sans perdre en netteté", "toujours peser plus lourd", "contenir du son", "ne s'afficher que sur téléphone"]],
  ],
  "3.3": [
    ["s", 1, "Vous préparez une affiche pour un atelier. Le plus important :", ["un titre lisible de loin", "un texte en très petits caractères", "beaucoup de couleurs différentes", "ne pas mettre de date"]],
    ["s", 2, "Un document sera lu sur téléphone. Quelle mise en forme choisissez-vous ?", ["Des phrases courtes et une police assez grande", "Des tableaux très larges", "Deux colonnes serrées", "Une police minuscule pour tout faire tenir"]],
    ["m", 3, "Quelles pratiques rendent un document plus accessible aux personnes malvoyantes ? (plusieurs réponses)", ["Un bon contraste entre le texte et le fond", "Un texte de remplacement pour les images", "Une information donnée uniquement par la couleur", "Des titres bien structurés"], [0, 1, 3]],
    ["s", 4, "Vous présentez un projet en 5 minutes. Combien d'idées principales retenez-vous ?", ["Trois ou quatre", "Une vingtaine", "Aucune, j'improvise", "Tout le contenu du rapport"]],
    ["s", 4, "Pour montrer l'évolution d'un chiffre mois après mois, quel graphique est le plus lisible ?", ["Une courbe", "Un camembert", "Un nuage de mots", "Une carte"]],
    ["s", 5, "Vous transformez un rapport de 20 pages en publication pour un réseau social. Que faites-vous ?", ["J'en tire un message clé, une image et un lien vers le rapport", "Je copie les 20 pages", "Je publie seulement le sommaire", "Je publie le fichier sans texte"]],
    ["s", 6, "Un graphique en camembert convient pour montrer :", ["les parts d'un total à un moment donné", "une évolution sur dix ans", "le lien entre deux mesures", "un classement de 40 catégories"]],
  ],
  "3.4": [
    ["s", 1, "Un programme, c'est :", ["une suite d'instructions qu'un ordinateur exécute", "un écran d'ordinateur", "un câble réseau", "une page imprimée"]],
    ["o", 2, "Un robot doit rapporter un objet. Remettez ses instructions dans l'ordre.", ["Avancer jusqu'à l'objet", "Saisir l'objet", "Revenir au point de départ"]],
    ["n", 3, "Que vaut x à la fin ?\nx ← 3\nx ← x + 4\nx ← x × 2", 14],
    ["n", 3, "Combien de fois « bonjour » est-il affiché ?\nrépéter 4 fois :\n  répéter 3 fois :\n    afficher « bonjour »", 12],
    ["s", 3, "Avec note = 9,5, que affiche ce programme ?\nsi note ≥ 10 alors afficher « validé »\nsinon afficher « à revoir »", ["à revoir", "validé", "rien", "une erreur"]],
    ["n", 4, "Que vaut total à la fin ?\ntotal ← 0\npour i allant de 1 à 5 :\n  total ← total + i", 15],
    ["n", 5, "Que vaut n à la fin ?\nn ← 1\ntant que n < 50 :\n  n ← n × 3", 81],
    ["s", 6, "Une fonction reçoit la liste [4, 8, 15] et renvoie 27. Que calcule-t-elle le plus probablement ?", ["La somme des éléments", "Le plus grand élément", "Le nombre d'éléments", "La moyenne des éléments"]],
    ["n", 7, "Que vaut f(5) ?\nfonction f(n) :\n  si n ≤ 1 alors renvoyer 1\n  sinon renvoyer n × f(n − 1)", 120],
  ],
  "4.1": [
    ["s", 1, "Quel mot de passe est le plus sûr ?", ["Une longue phrase de passe unique, faite de mots inattendus", "123456", "Mon prénom", "motdepasse"]],
    ["s", 2, "Vous recevez un SMS : « Votre colis est bloqué, payez 1,99 € en cliquant ici ». Il s'agit probablement :", ["d'une arnaque (hameçonnage)", "d'un message officiel", "d'une publicité sans risque", "d'une erreur de livraison"]],
    ["s", 3, "Pourquoi installer les mises à jour du système et des applications ?", ["Elles corrigent des failles de sécurité", "Elles effacent vos fichiers", "Elles alourdissent l'appareil pour rien", "Elles changent seulement les couleurs"]],
    ["s", 3, "La double authentification (un code reçu en plus du mot de passe) sert à :", ["empêcher la connexion de quelqu'un qui ne connaît que votre mot de passe", "se connecter sans mot de passe", "accélérer la connexion", "partager son compte"]],
    ["m", 4, "Quels signes doivent faire douter d'un courriel ? (plusieurs réponses)", ["Une adresse d'expéditeur étrange", "Une demande urgente de mot de passe ou de paiement", "Un lien qui mène à une autre adresse que le site annoncé", "Mon prénom bien orthographié"], [0, 1, 2]],
    ["s", 5, "Sur un Wi-Fi public sans mot de passe, quelle précaution prenez-vous ?", ["J'évite les opérations sensibles ou j'utilise un VPN", "Je désactive l'antivirus", "Je partage mes fichiers avec le réseau", "Je me connecte à ma banque sans vérifier l'adresse"]],
    ["s", 6, "Un gestionnaire de mots de passe permet :", ["d'avoir un mot de passe différent et solide pour chaque site", "d'utiliser un seul mot de passe partout", "de désactiver la double authentification", "d'envoyer ses mots de passe par courriel"]],
    ["s", 7, "Un rançongiciel a chiffré les fichiers d'un poste. Quelle mesure, prise à l'avance, limite le plus les dégâts ?", ["Des sauvegardes régulières, gardées hors du poste", "Un fond d'écran personnalisé", "Un écran plus grand", "Un mot de passe de session court"]],
  ],
  "4.2": [
    ["s", 1, "Laquelle de ces informations est une donnée personnelle ?", ["Votre adresse postale", "La météo du jour", "Le prix d'un ticket de bus", "Le nom d'un fleuve"]],
    ["s", 2, "Une application de lampe de poche demande l'accès à vos contacts. Que faites-vous ?", ["Je refuse : elle n'en a pas besoin", "J'accepte, c'est obligatoire", "J'accepte pour que la lumière soit plus forte", "J'envoie mes contacts au développeur"]],
    ["s", 3, "Les cookies d'un site web servent notamment à :", ["enregistrer des informations sur votre navigation", "nettoyer l'ordinateur", "accélérer Internet", "bloquer les virus"]],
    ["s", 4, "En Europe, le RGPD vous donne notamment le droit :", ["d'accéder aux données qu'une organisation détient sur vous", "d'obtenir le mot de passe d'un autre utilisateur", "de lire les courriels de vos voisins", "de faire fermer n'importe quel site"]],
    ["m", 4, "Quelles informations ne faut-il jamais donner à un inconnu qui dit appeler de votre banque ? (plusieurs réponses)", ["Le code de ma carte bancaire", "Un code de confirmation reçu par SMS", "Mon mot de passe de banque en ligne", "L'heure qu'il est"], [0, 1, 2]],
    ["s", 5, "En navigation privée, qu'est-ce qui n'est PAS conservé sur votre appareil ?", ["L'historique de navigation de la session", "Les fichiers téléchargés", "Ce que voit votre fournisseur d'accès", "Les favoris ajoutés"]],
    ["s", 6, "Un tableau d'enquête contient le nom, l'âge et la commune des participants. Quelle action rend le plus difficile de retrouver les personnes ?", ["Retirer les noms et regrouper les âges par tranches", "Écrire les noms en majuscules", "Trier par âge", "Changer la police"]],
  ],
  "4.3": [
    ["s", 1, "Pour reposer vos yeux devant un écran, il est conseillé de :", ["faire régulièrement des pauses en regardant au loin", "se rapprocher de l'écran", "éteindre toutes les lumières de la pièce", "éviter de cligner des yeux"]],
    ["s", 2, "Quelle posture est la plus adaptée devant un ordinateur ?", ["Le haut de l'écran à hauteur des yeux, le dos appuyé", "L'écran très bas, le dos courbé", "L'ordinateur sur les genoux toute la journée", "L'écran posé de côté"]],
    ["s", 3, "Que faire d'un vieux téléphone qui ne fonctionne plus ?", ["Le déposer dans un point de collecte pour le recyclage", "Le jeter avec les ordures ménagères", "Le brûler", "Le laisser dans la nature"]],
    ["s", 3, "Quel geste réduit l'impact environnemental du numérique ?", ["Garder ses appareils plus longtemps", "Changer de téléphone chaque année", "Laisser des vidéos tourner en fond", "Envoyer de très lourdes pièces jointes à beaucoup de monde"]],
    ["s", 4, "Un ami joue en ligne toutes les nuits et ne dort presque plus. Quel conseil est le plus utile ?", ["Fixer des horaires et couper les notifications le soir", "Jouer encore plus pour se fatiguer", "Changer de console", "Ne rien changer"]],
    ["s", 5, "La plus grande part de l'impact environnemental d'un smartphone vient :", ["de sa fabrication", "de sa recharge", "de ses sonneries", "de sa couleur"]],
    ["s", 6, "Le « droit à la déconnexion » au travail signifie :", ["ne pas être tenu de répondre aux messages professionnels hors du temps de travail", "pouvoir couper Internet à ses collègues", "ne jamais utiliser d'ordinateur", "se déconnecter après chaque courriel"]],
  ],
  "5.1": [
    ["s", 1, "Votre ordinateur est bloqué et ne répond plus. Que faites-vous en premier ?", ["Je le redémarre", "Je le secoue", "J'en achète un nouveau", "Je débranche l'écran"]],
    ["s", 2, "Le son ne marche plus sur votre ordinateur. Que vérifiez-vous d'abord ?", ["Que le volume n'est pas coupé et que la bonne sortie est choisie", "La date du système", "La taille de l'écran", "Le fond d'écran"]],
    ["s", 3, "Un site ne s'affiche pas, mais tous les autres fonctionnent. Le problème vient probablement :", ["du site lui-même", "du câble d'alimentation", "du clavier", "de l'écran"]],
    ["o", 3, "L'imprimante n'imprime pas. Remettez les vérifications dans l'ordre, de la plus simple à la plus longue.", ["Vérifier qu'elle est allumée et branchée", "Regarder la file d'attente d'impression", "Réinstaller le pilote de l'imprimante"]],
    ["s", 4, "Aucun site ne s'ouvre et l'icône du réseau affiche un avertissement. Quelle action a le plus de chances de régler le problème ?", ["Redémarrer la box ou le routeur", "Vider la corbeille", "Changer de souris", "Mettre à jour le traitement de texte"]],
    ["s", 5, "Un ordinateur devient très lent. Quel outil montre quels programmes occupent le processeur et la mémoire ?", ["Le gestionnaire des tâches (ou moniteur d'activité)", "Le lecteur de musique", "Le correcteur d'orthographe", "La calculatrice"]],
    ["s", 6, "Un message d'erreur s'affiche avec un code. Quelle démarche est la plus efficace ?", ["Chercher le message exact et son code, puis tester les solutions une par une", "Recommencer sans rien changer", "Tout réinstaller immédiatement", "Éteindre l'écran"]],
    ["s", 7, "Deux ordinateurs d'un même réseau ont reçu la même adresse IP. Quel symptôme est le plus probable ?", ["Des coupures de connexion sur l'un ou l'autre", "Un écran qui change de couleur", "Un clavier bloqué en majuscules", "Aucun effet"]],
  ],
  "5.2": [
    ["s", 1, "Quel élément sert à taper du texte ?", ["Le clavier", "L'écran", "Le haut-parleur", "La webcam"]],
    ["s", 2, "Qu'est-ce qu'un navigateur web ?", ["Un logiciel pour consulter des sites", "Un câble réseau", "Un antivirus", "Un type d'écran"]],
    ["s", 3, "Pour installer une application sur un téléphone en sécurité, on passe par :", ["le magasin d'applications officiel de l'appareil", "un lien reçu par SMS d'un inconnu", "une clé USB trouvée", "un site qui offre gratuitement une application payante"]],
    ["s", 3, "Le « cloud » (nuage) désigne :", ["des services et des espaces de stockage accessibles par Internet", "la mémoire interne du téléphone", "un type d'écran", "un câble sans fil"]],
    ["n", 4, "Un disque de 1 To contient 650 Go de fichiers. Combien de Go restent libres ? (1 To = 1000 Go)", 350],
    ["s", 5, "Quelle est la différence entre la mémoire vive (RAM) et le stockage (disque) ?", ["La RAM sert aux programmes en cours et se vide à l'extinction ; le disque conserve les fichiers", "Il n'y en a aucune", "La RAM garde les fichiers pour toujours", "Le disque se vide à chaque redémarrage"]],
    ["s", 5, "Une adresse IP comme 192.168.1.20 sert à :", ["identifier un appareil sur un réseau", "donner la vitesse du processeur", "indiquer la version du système", "mesurer la batterie"]],
    ["s", 6, "Le même logiciel doit être installé sur les 15 ordinateurs d'une salle de formation. Le plus efficace à long terme :", ["préparer une installation type et la déployer sur tous les postes", "installer à la main, différemment sur chaque poste", "laisser chaque stagiaire se débrouiller", "copier l'icône du bureau d'un poste à l'autre"]],
  ],
  "A.1": [
    ["n", 1, "Complétez la suite : 2, 4, 6, 8, …", 10],
    ["n", 2, "Complétez la suite : 1, 2, 4, 8, 16, …", 32],
    ["s", 3, "Tous les formateurs de l'atelier parlent anglais. Sam est formateur de l'atelier. Donc :", ["Sam parle anglais", "Sam ne parle pas anglais", "Tous ceux qui parlent anglais sont formateurs", "On ne peut rien dire"]],
    ["n", 3, "Complétez la suite : 3, 5, 9, 15, 23, …", 33],
    ["s", 4, "Certains stagiaires ont un ordinateur portable. Tous les stagiaires ont un téléphone. Quelle affirmation est forcément vraie ?", ["Les stagiaires qui ont un portable ont aussi un téléphone", "Tous les stagiaires ont un portable", "Aucun stagiaire n'a de portable", "Ceux qui ont un téléphone ont un portable"]],
    ["s", 5, "« S'il pleut, la séance a lieu en salle. » La séance n'a pas eu lieu en salle. Que peut-on conclure ?", ["Il n'a pas plu", "Il a plu", "La séance a été annulée", "On ne peut rien conclure"]],
    ["n", 5, "Complétez la suite : 1, 1, 2, 3, 5, 8, …", 13],
    ["s", 6, "Alex, Bo et Cam exercent chacun un métier différent : développeur, technicien ou designer. Alex n'est pas développeur. Bo est technicien. Quel est le métier de Cam ?", ["Développeur", "Technicien", "Designer", "Impossible à savoir"]],
    ["s", 7, "Quelle est la négation de « Tous les tests sont réussis » ?", ["Au moins un test est raté", "Tous les tests sont ratés", "Aucun test n'est réussi", "Un seul test est réussi"]],
  ],
  "A.2": [
    ["n", 1, "Un atelier commence à 9 h et dure 3 heures. À quelle heure se termine-t-il ? (nombre d'heures, par exemple 14)", 12],
    ["n", 2, "Un câble coûte 4 €. Combien coûtent 6 câbles, en euros ?", 24],
    ["n", 3, "Une formation de 35 heures est répartie sur 5 journées égales. Combien d'heures par journée ?", 7],
    ["n", 3, "Un ordinateur coûte 600 € avec une réduction de 15 %. Quel est son prix après réduction, en euros ?", 510],
    ["n", 4, "12 stagiaires forment des groupes de 5 personnes au plus. Combien de groupes faut-il au minimum ?", 3],
    ["o", 4, "Remettez dans l'ordre les étapes d'une démarche efficace pour résoudre un problème.", ["Comprendre et décrire le problème", "Chercher les causes possibles", "Tester une solution", "Vérifier que le problème est réglé"]],
    ["n", 5, "Un fichier de 900 Mo se télécharge à 15 Mo par seconde. Combien de secondes faut-il ?", 60],
    ["n", 6, "Trois tâches durent 2 h, 3 h et 4 h. Celle de 4 h ne peut commencer qu'après celle de 2 h ; celle de 3 h est indépendante. À deux personnes, quelle est la durée totale minimale, en heures ?", 6],
    ["n", 7, "Un lot de 64 fiches en contient une seule défectueuse. Chaque essai teste la moitié du lot restant et dit si la fiche défectueuse s'y trouve. Combien d'essais suffisent dans tous les cas ?", 6],
  ],
};

const LETTERS = "abcdefgh";

function buildItems(): unknown[] {
  const items: unknown[] = [];
  let k = 0;
  for (const [competence, list] of Object.entries(RAW)) {
    list.forEach((raw, i) => {
      const [kind, level, stem] = raw;
      const common = {
        id: `${competence}-${String(i + 1).padStart(2, "0")}`,
        competence,
        level,
        stem,
        // Provisional Rasch parameters: the middle of the author's level band on the default scale.
        irt: { a: 1, b: -2.625 + 0.75 * (level - 1), c: 0 },
        parametersStatus: "provisional",
        timeLimitSeconds: kind === "s" || kind === "m" ? 60 : 90,
      };
      k++;
      if (raw[0] === "s" || raw[0] === "m" || raw[0] === "o") {
        const texts = raw[3];
        const n = texts.length;
        // Display position of written option j: rotated so that keys are spread over positions.
        const shift = raw[0] === "o" ? 1 + (k % (n - 1)) : k % n;
        const position = (j: number): number => (j + shift) % n;
        const shown = Array.from({ length: n }, () => "");
        texts.forEach((t, j) => (shown[position(j)] = t));
        const options = shown.map((text, p) => ({ id: LETTERS[p]!, text }));
        const idOf = (j: number): string => LETTERS[position(j)]!;
        if (raw[0] === "s") items.push({ ...common, kind: "single_choice", options, answer: idOf(0) });
        else if (raw[0] === "m") items.push({ ...common, kind: "multiple_choice", options, answer: raw[4].map(idOf) });
        else items.push({ ...common, kind: "ordering", options, answer: texts.map((_, j) => idOf(j)) });
      } else if (raw[0] === "n") {
        items.push({ ...common, kind: "numeric", answer: raw[3], tolerance: 0 });
      } else {
        items.push({ ...common, kind: "short_answer", accepted: raw[3] });
      }
    });
  }
  return items;
}

/**
 * The starter bank: 135 original items written for declics in plain French, across the 18 competences
 * of {@link DEFAULT_FRAMEWORK} (16 Pix competences and the 2 parcours aptitudes) and levels 1 to 7.
 * No culture-dependent trivia. Its IRT parameters are PROVISIONAL (`parametersStatus: "provisional"`):
 * Rasch difficulties set at the middle of the author's level band. Calibrate them on real answers
 * (`calibrateItems`) before using the results for decisions.
 *
 * @example
 * ```ts
 * import { STARTER_BANK } from "declics/assessment";
 * STARTER_BANK.items.length >= 120 && STARTER_BANK.items.every((i) => i.parametersStatus === "provisional");
 * // => true
 * ```
 * @category Item bank
 */
export const STARTER_BANK: ItemBank = /* @__PURE__ */ ItemBank.parse({
  id: "declics-starter",
  name: "Banque de départ DéClics (paramètres provisoires)",
  version: "2026.1",
  frameworkId: "declics-pix-digcomp",
  items: buildItems(),
});
