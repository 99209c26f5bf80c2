"""Demo submissions from early-grades classrooms: kindergarten, grade 2 and grade 3."""

from __future__ import annotations

from issuer_server.demo_program.ids import Q_CONTEXT, Q_NEXT, Q_OBJECTIVE, Q_REFLECTION
from issuer_server.demo_program.model import AnchorChart, StudentWork, TeacherCase, WorkSample, prose

KINDERGARTEN_RHYME = TeacherCase(
    candidate_ref="T-2764",
    grade_subject="Kindergarten literacy",
    clip="classroom_d",
    intended="borderline",
    responses={
        Q_CONTEXT: prose("""
            I teach a full-day kindergarten class of 19 students in a neighbourhood school. Seven students
            are learning English, four of them at an early stage, and two students receive speech and
            language support for articulation. It is March, so most students can hear and produce rhymes
            with familiar words, but my January screener showed six students still matching pictures by
            meaning (cat and dog) instead of by sound. Because many of my students are not yet comfortable
            answering in front of the whole group, I planned the questions for our carpet time as
            turn-and-talk prompts with picture cards, so every child says an answer to a partner before
            anyone shares.
        """),
        Q_OBJECTIVE: prose("""
            Objective: I can tell if two words rhyme and say a new word that rhymes.

            Success criteria: the student points to the two picture cards that rhyme out of three, says
            "yes" or "no" to a spoken pair, and produces one rhyming word (a made-up word counts).

            Planned questions: "Listen: cat, hat. Do they sound the same at the end?" "Which two pictures
            rhyme: sun, bun or bed?" and "Can you make a word that rhymes with pig?" I expected some
            children to choose pictures that go together in meaning, like sun and bed, so the second
            question is there to catch that.
        """),
        Q_REFLECTION: prose("""
            The turn-and-talk worked for participation: at 2:15 in the video you can see almost every pair
            talking and pointing at the cards. When I asked pairs to hold up the two that rhyme, five pairs
            held up sun and bed. I said "Remember, rhyming words sound the same at the end, listen again:
            sun, bun" and we said them together, then went on to the next set. Looking at the work samples,
            Student B still matched by meaning on the worksheet, so I don't think my re-explanation changed
            much for those children. Most students could make a rhyme for pig, and several made silly words
            like "zig", which is fine for the criteria.
        """),
        Q_NEXT: prose("""
            Next time I will plan what to do when pictures get matched by meaning, for example covering the
            pictures and only saying the words, so students have to rely on sound. For the six students who
            are not there yet I will pull a small group on Thursday with rhyme puppets and oral-only pairs,
            and check again with the same three-card task.
        """),
    },
    work=StudentWork(
        task_title="Rhyme match: circle the two pictures that rhyme, then draw a rhyme for pig",
        questions=(
            "Row 1: cat / hat / dog",
            "Row 2: sun / bun / bed",
            "Draw and say a word that rhymes with pig",
        ),
        selection_note=(
            "Two samples from the carpet follow-up worksheet, one secure and one still matching by meaning."
        ),
        samples=(
            WorkSample(
                "Student A",
                ("circled cat and hat", "circled sun and bun", "drew a wig, said 'wig'"),
                ("Secure: hears the end sound in both rows.", "Produced a real rhyming word."),
            ),
            WorkSample(
                "Student B",
                ("circled cat and dog", "circled sun and bed", "drew a pig again"),
                ("Matching by meaning (pets, bedtime).",),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Rhyming words sound the same at the END",
        lines=("cat - hat - bat", "sun - bun - fun", "pig - wig - zig", "Say it, hear it, match it!"),
        sticky_notes=("bed?", "dog?"),
        ink=(0.55, 0.15, 0.45),
        as_photo=True,
    ),
)

GRADE2_PLACE_VALUE = TeacherCase(
    candidate_ref="T-1952",
    grade_subject="Grade 2 mathematics",
    clip="classroom_a",
    intended="earned",
    responses={
        Q_CONTEXT: prose("""
            My grade 2 class has 24 students. Five are multilingual learners, three have IEPs for reading
            that also affect word problems, and one student joined us in February from a school that had not
            yet covered three-digit numbers. In the unit pre-assessment, 15 students could read three-digit
            numbers but only 8 could explain what the digit in the tens place is worth. Several students
            treat a three-digit number as three separate digits, so 306 becomes "three, zero, six" rather
            than three hundreds and six ones. Every student has a mini whiteboard and base-ten blocks at
            their table, and my students are used to a "show me" signal, which is how I planned to hear from
            everyone. For my language learners I added sentence frames: "The 3 is worth ___ because ___."
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students explain the value of each digit in a three-digit number using hundreds, tens
            and ones.

            Success criteria: (1) build the number with base-ten blocks; (2) write it in expanded form; (3)
            explain in words why a digit's value depends on its place, including when there is a zero.

            Planned questions, in order: "Build 243. How many tens did you use?" - checks criterion 1 and
            surfaces students who count all the tens including those inside the hundreds. "Which is worth
            more, the 4 in 243 or the 4 in 427? How do you know?" - asks for an explanation. "Show me 306 on
            your whiteboard in expanded form." - this is my misconception question; I expected 300 + 0 + 6
            to be fine, but 30 + 6 or 3 + 0 + 6 to show students who read digits separately. "Sam says 306
            has no tens so the zero doesn't matter. Do you agree?" - a hinge question; the answers decide
            whether we move on to comparing numbers or go back to the blocks.
        """),
        Q_REFLECTION: prose("""
            The 306 question did its job. At 3:40 in the video, when boards go up, I counted seven boards
            with 36 or 3 + 6. Instead of telling them the answer, I asked one student (with permission) to
            build 36 and another to build 306 under the document camera (4:55), and asked the class "What is
            different?" A student noticed the flats were missing from 36, and another said "the zero is
            holding the tens place so the 3 stays a hundred." I wrote that sentence on our anchor chart.

            I then split the class for six minutes: the seven students built and wrote three more numbers
            with zeros with me at the back table, while the rest compared numbers with a partner. When I
            came back and re-asked the hinge question (8:10), only two students still agreed with "Sam."
            Student C's work shows that shift: her first attempt says 3 + 6, her second 300 + 6, and her
            sentence explains why. Student A was already secure and wrote a correct comparison with reasons.
        """),
        Q_NEXT: prose("""
            I learned that my hinge question is most useful when I decide in advance what I will do with
            each answer; I had planned the small group, and it made the adjustment quick. Next I want to
            plan the follow-up for the right answers too, because my secure students waited while I worked
            with the group. The two students who still agreed with Sam will start tomorrow with a place
            value mat and numbers like 405 and 570, and I will check them with one board question before
            independent work.
        """),
    },
    work=StudentWork(
        task_title="Three-digit numbers: build it, write it, explain it",
        questions=(
            "Write 243 in expanded form.",
            "Write 306 in expanded form.",
            "Which is worth more, the 4 in 243 or the 4 in 427? Explain.",
        ),
        selection_note=(
            "Three samples chosen to show the range after the lesson: secure, shifted during the lesson, "
            "and not yet secure. Annotations refer to success criteria 1-3."
        ),
        samples=(
            WorkSample(
                "Student A",
                ("200 + 40 + 3", "300 + 6", "The 4 in 427 because it is 400 and the other one is 40."),
                (
                    "SC2 met with and without a zero.",
                    "SC3: compares values and gives the place as the reason.",
                ),
            ),
            WorkSample(
                "Student C",
                (
                    "200 + 40 + 3",
                    "3 + 6, crossed out; 300 + 6",
                    "427. The 4 is in the hundreds so it is 400.",
                ),
                (
                    "First try read 306 as separate digits (3, 6).",
                    "Corrected after the 36 vs 306 comparison; SC3 now met.",
                ),
            ),
            WorkSample(
                "Student E",
                ("2 + 4 + 3", "30 + 6", "they are the same, both 4"),
                (
                    "Reads digits as separate numbers; SC2 not met.",
                    "Next step: place value mat group, numbers with zeros.",
                ),
            ),
        ),
    ),
    chart=AnchorChart(
        title="What is each digit worth?",
        lines=(
            "306 = 300 + 0 + 6",
            "hundreds | tens | ones",
            '"The zero holds the tens place',
            'so the 3 stays a hundred."',
            "4 in 427 = 400    4 in 243 = 40",
        ),
        sticky_notes=("36 or 306?", "Sam is wrong!"),
        ink=(0.1, 0.35, 0.65),
    ),
)

GRADE3_MAIN_IDEA = TeacherCase(
    candidate_ref="T-6671",
    grade_subject="Grade 3 reading",
    clip="classroom_b",
    intended="not_yet",
    responses={
        Q_CONTEXT: prose("""
            This is my grade 3 reading class of 26 students. There is a wide range of reading levels, from
            about grade 1 to grade 5. Some students have IEPs and some are English learners. The class is
            generally well behaved and likes reading together. For this lesson we used a short article about
            honeybees from our reading program. Students sat at their tables in groups of four.
        """),
        Q_OBJECTIVE: prose("""
            The objective was for students to find the main idea of a nonfiction text. I planned to read the
            article aloud and ask questions as we went, such as "What are bees called that collect nectar?",
            "How many eggs can a queen lay?" and "What is the main idea?". These questions let me see if the
            students understood the article. At the end students wrote the main idea on a worksheet with two
            supporting details.
        """),
        Q_REFLECTION: prose("""
            I think the lesson went well overall. The students were engaged and a lot of hands went up when
            I asked questions about the bees. In the video you can see that students knew many facts from
            the article. When I asked for the main idea, one student said "bees make honey" and I explained
            that the main idea is what the whole article is mostly about, which is that bees work together
            in a colony. Then students did the worksheet. Most students were able to complete it. A few
            students wrote a detail instead of the main idea, so I will need to review main idea again.
        """),
        Q_NEXT: prose("""
            Next time I would like to ask more questions during the lesson and give students more time to
            answer. I will also review main idea with the students who did not get it, maybe with another
            article about animals since they enjoyed this one. I think using a graphic organizer would help
            them as well, like the "table and legs" organizer where the main idea is the tabletop and the
            details are the legs. I will check their worksheets again after the review.
        """),
    },
    work=StudentWork(
        task_title="Honeybees: main idea and details",
        questions=("What is the main idea of the article?", "Write two details that support the main idea."),
        selection_note="Worksheets from the end of the lesson.",
        samples=(
            WorkSample(
                "Student 1",
                (
                    "Bees work together in a colony and each bee has a job.",
                    "Worker bees collect nectar. The queen lays eggs.",
                ),
                ("good",),
            ),
            WorkSample(
                "Student 2", ("A queen bee can lay 2,000 eggs a day.", "Bees make honey."), ("detail",)
            ),
        ),
    ),
    chart=AnchorChart(
        title="Main Idea",
        lines=("What is it MOSTLY about?", "Main idea = the big idea", "Details tell more"),
        ink=(0.15, 0.45, 0.2),
    ),
)

CASES = (KINDERGARTEN_RHYME, GRADE2_PLACE_VALUE, GRADE3_MAIN_IDEA)
