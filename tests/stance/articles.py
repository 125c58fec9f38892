"""Short invented articles for the stance tests: one claim, and one article per stance towards it."""

from __future__ import annotations

CLAIM = "The mayor of Dunmore resigned over the bridge contract scandal"

SUPPORTS = (
    "Dunmore mayor Alan Reece resigned on Tuesday over the bridge contract scandal, the city council confirmed.\n"
    "Reece handed his resignation letter to the council clerk on Tuesday morning, two weeks after auditors found "
    "that the bridge contract had been awarded to a firm owned by his brother-in-law.\n"
    "In a statement, Reece said he was stepping down so that the inquiry into the contract could go ahead without "
    "distraction. The deputy mayor, Helen Vos, will lead the city until an election in the spring.\n"
    "Council members from both parties welcomed the resignation. The bridge contract has been suspended."
)

CONTRADICTS = (
    "Claims that the mayor of Dunmore resigned over the bridge contract scandal are false, his office said.\n"
    "A post shared thousands of times on Tuesday said Alan Reece had quit over the bridge contract. City hall "
    "denied it within the hour, calling the post a hoax.\n"
    "“The mayor has not resigned and has no intention of resigning,” his spokeswoman said. “This story is fake.”\n"
    "Fact-checkers found no evidence for the claim. Reece chaired a council meeting on Wednesday morning."
)

DISCUSSES = (
    "Unconfirmed reports circulating on social media claim that the mayor of Dunmore has resigned over the "
    "bridge contract scandal.\n"
    "According to the posts, Alan Reece allegedly handed in a letter on Tuesday, but the claims could not be "
    "verified and the mayor’s office did not respond to requests for comment.\n"
    "The bridge contract, awarded to a firm owned by his brother-in-law, is the subject of an audit.\n"
    "Opposition councillors have called for Reece to step down if the audit finds wrongdoing."
)

UNRELATED = (
    "Dunmore Rovers beat Harlow Town 3-1 on Saturday to move top of the regional league.\n"
    "Striker Kofi Mensah scored twice in the first half before Harlow pulled a goal back from a penalty.\n"
    "A late header from captain Sam Doyle sealed the win in front of a crowd of 4,000.\n"
    "Rovers play away at Kingsmere next weekend."
)

ARTICLES = {"supports": SUPPORTS, "contradicts": CONTRADICTS, "discusses": DISCUSSES, "unrelated": UNRELATED}
