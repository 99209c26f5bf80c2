"""Demo submissions from middle-grades classrooms: grades 7, 8 and 9."""

from __future__ import annotations

from issuer_server.demo_program.ids import Q_CONTEXT, Q_NEXT, Q_OBJECTIVE, Q_REFLECTION
from issuer_server.demo_program.model import AnchorChart, StudentWork, TeacherCase, WorkSample, prose

GRADE7_ARGUMENT = TeacherCase(
    candidate_ref="T-8643",
    grade_subject="Grade 7 English language arts",
    clip="classroom_d",
    intended="not_yet",
    responses={
        Q_CONTEXT: prose("""
            My seventh grade ELA class has 31 students and meets right after lunch, which makes focus hard.
            About a quarter of the class reads below grade level and there are five English learners. We are
            working on argument writing, and students had been reading two articles about whether schools
            should have later start times. Students sit in groups of five. I know from their first drafts
            that many of them write opinions without evidence, so I wanted to use questioning to push them
            to use the articles.
        """),
        Q_OBJECTIVE: prose("""
            The learning objective was "Students will write a strong argument." Students would know they
            were successful when their paragraph had a claim, evidence and reasoning. I planned to ask the
            groups to discuss "Should school start later?" and "What evidence did you find?", and then to
            ask the class what makes an argument strong. Then they would write a paragraph. I thought the
            discussion questions would show me who understood the articles and who could use evidence.
        """),
        Q_REFLECTION: prose("""
            The groups were very engaged in the debate about start times, and everyone had an opinion, which
            was great to see. In the video, students are talking in their groups while I walk around. When I
            asked the class what makes an argument strong, students said "facts" and "good reasons," and I
            added "and explaining how your evidence supports your claim," which I think helped. Some groups
            were off task so I had to redirect them. The paragraphs were mixed: some students used evidence
            but others just wrote their opinion again. Overall I think students understand what an argument
            is but need more practice.
        """),
        Q_NEXT: prose("""
            Next time I want to make the groups smaller so that everyone participates. I also want to model
            a paragraph for them first. For students who did not include evidence I will have them revise
            their paragraph with a checklist. I think more practice with argument writing will help them
            improve over the rest of the unit, and I will keep using topics they care about, like start
            times, because they were very interested in this one.
        """),
    },
    work=StudentWork(
        task_title="Argument paragraph: should school start later?",
        questions=("Write a paragraph with a claim, evidence from the articles, and reasoning.",),
        selection_note="Two paragraphs.",
        samples=(
            WorkSample(
                "Student 1",
                (
                    "School should start later. The article says teenagers need 9 hours of sleep. That means "
                    "if we start later we will be less tired and learn more.",
                ),
                ("Good - has evidence",),
            ),
            WorkSample(
                "Student 2",
                (
                    "I think school should start later because I am always tired in the morning and it is "
                    "hard to wake up. Everyone I know agrees.",
                ),
                ("needs evidence",),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Strong Arguments",
        lines=("Claim", "Evidence", "Reasoning"),
        ink=(0.3, 0.3, 0.3),
        as_photo=True,
    ),
)

GRADE8_DENSITY = TeacherCase(
    candidate_ref="T-3307",
    grade_subject="Grade 8 physical science",
    clip="classroom_b",
    intended="earned",
    responses={
        Q_CONTEXT: prose("""
            This is one of my four grade 8 physical science sections: 25 students, of whom four are English
            learners (two at an emerging level, supported by a bilingual aide on Tuesdays), and three have
            IEPs with accommodations for written output. Our school uses lab stations of four. The class had
            measured mass and volume in the previous lesson but had not yet connected them. On the unit
            pre-assessment, over half of the students predicted that heavy objects sink and light objects
            float, and several believed that a large piece of a material floats while a small piece sinks. I
            planned around that misconception and used think-pair-share with a sentence starter ("I think it
            will ___ because ___") so my emerging English learners could rehearse with a partner.
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students explain whether an object will sink or float in water by comparing its
            density (mass per unit volume) to the density of water.

            Success criteria: calculate density from mass and volume; compare it to 1 g/cm3; explain why
            cutting an object in half does not change whether it floats.

            Planned questions: "A 2 kg log floats and a 5 g paper clip sinks. How can that be?" (opens the
            heavy/light misconception); "Calculate the density of your block. Will it float?" (SC1 and SC2,
            answered on whiteboards); "If I cut the candle in half, will the small piece still float?
            Predict, then explain." (the hinge question - students who think size matters will say the small
            piece behaves differently); "Which two objects in your tray have the same density? How can you
            tell without a scale?" (extension).
        """),
        Q_REFLECTION: prose("""
            The log and paper clip question got strong debate in the pairs (1:20-2:40). During the share-out
            I used cold calling with think time and heard from six pairs; four of them explained it with
            "heavier for its size," which gave me a bridge to density.

            The hinge question was where I had to adjust. At 7:05, eleven students predicted the small
            candle piece would sink because "it is lighter so it has less force to push up." I didn't
            correct it; I asked the class to calculate the density of both pieces using the masses on the
            board. When both came out at 0.9 g/cm3, I asked the students who had predicted sinking to
            explain the result to their partner, then we tested it in the tank (9:30). Both pieces floated.
            I then gave a second, similar question with an aluminium bar, and on the boards 22 of 25 said
            both pieces would sink, with the right reason.

            The samples show this. Student A's calculation and explanation meet all three criteria. Student
            B changed her answer after the test and now refers to density. Student C calculated correctly
            but still explains floating by weight, so he can do the maths but has not connected it to the
            concept.
        """),
        Q_NEXT: prose("""
            I want to keep the "calculate before you test" move; it made students confront their prediction
            with their own numbers. My change is to ask for a written prediction before the hinge discussion
            so I can see every student's first idea, not only the ones who speak. For Student C and the two
            others whose explanations still rely on weight, I will run a station tomorrow with equal-mass
            objects of different volumes, and check with a short "same mass, different volume" question at
            the end.
        """),
    },
    work=StudentWork(
        task_title="Sink or float? Density lab sheet",
        questions=(
            "Calculate the density of your block (mass 54 g, volume 60 cm3).",
            "Will half of the candle float? Explain using density.",
            "Why does a 2 kg log float while a 5 g paper clip sinks?",
        ),
        selection_note=(
            "Three lab sheets from one station group, showing secure, changed and partial understanding. "
            "Annotations refer to SC1 (calculate), SC2 (compare to water) and SC3 (size does not matter)."
        ),
        samples=(
            WorkSample(
                "Student A",
                (
                    "54 / 60 = 0.9 g/cm3, less than water so it floats",
                    "Yes, the density stays 0.9 because mass and volume both halve.",
                    "The log is less dense than water and the clip is more dense, weight doesn't decide.",
                ),
                ("SC1-SC3 met.", "Explains why density is unchanged - strong."),
            ),
            WorkSample(
                "Student B",
                (
                    "0.9 g/cm3",
                    "I said it would sink but it floated. Density is still 0.9 so it floats.",
                    "because of density",
                ),
                ("Prediction revised from evidence.", "SC3 emerging: needs 'compared with water'."),
            ),
            WorkSample(
                "Student C",
                (
                    "54 / 60 = 0.9",
                    "Yes it floats because it is light.",
                    "The log is big and spreads out its weight.",
                ),
                ("SC1 met; reasoning still by weight/size.", "Next: equal-mass, different-volume station."),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Sink or float? It's about DENSITY",
        lines=(
            "density = mass / volume",
            "water = 1 g/cm3",
            "less dense than water -> floats",
            "cut it in half: mass/2, volume/2, same density!",
        ),
        sticky_notes=("heavier for its size", "log 2 kg floats?!"),
        ink=(0.1, 0.45, 0.2),
    ),
)

GRADE9_ALGEBRA = TeacherCase(
    candidate_ref="T-7415",
    grade_subject="Grade 9 algebra",
    clip="classroom_c",
    intended="borderline",
    responses={
        Q_CONTEXT: prose("""
            I teach Algebra 1 to 28 ninth graders in a large urban high school. The class includes six
            students who are repeating the course, four English learners, and five students with IEPs
            (extended time, calculator use). Attendance is uneven, so I can't rely on everyone having been
            present the day before. Students do well with procedures they have practised but many freeze on
            anything that looks unfamiliar. We had just finished solving one-step and two-step equations,
            and this lesson moved to equations with variables on both sides. Every student has a mini
            whiteboard and we use a "boards up on three" routine, which I planned to use for the key
            questions.
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students solve linear equations with variables on both sides and justify each step
            using properties of equality.

            Success criteria: collect variable terms on one side using inverse operations; keep the equation
            balanced by doing the same to both sides; check the solution by substitution.

            Planned questions: "Solve 3x + 5 = x + 13 and show each step" (boards, everyone); "A student
            subtracted 3x from one side only and got 5 = -2x + 13. What went wrong?" (error analysis
            targeting the balance misconception); "How can you know your answer is right without asking me?"
            (substitution); "Solve 2(x + 4) = 5x - 1" (harder, combines distribution).
        """),
        Q_REFLECTION: prose("""
            Boards up was effective: at 2:05 in the video you can see the whole class hold up boards, and I
            could sort them quickly. About a third had subtracted from one side only, which matched what I
            planned for. I showed two anonymous boards side by side (3:30) and asked "Which one kept the
            balance?" After a minute of partner talk most pairs chose correctly, and a student explained it
            using the balance scale picture on our chart. Then I moved on to the error analysis question and
            the distribution problem. Most boards were correct on the next problem.

            On the exit tickets, students did better on the first type than the distribution type. Student 1
            solved both correctly. Student 2 made a sign error in the distribution problem.
        """),
        Q_NEXT: prose("""
            The side-by-side comparison of boards was the best part and I will use it again. Next lesson I
            need more practice with distribution before variables on both sides, since that is where errors
            were. I will make a warm-up with three distribution problems and have students check each other
            by substitution. I also want to use the boards up routine more often, because it let me see the
            whole class at once, and to keep the two boards from today as examples on the wall.
        """),
    },
    work=StudentWork(
        task_title="Exit ticket: variables on both sides",
        questions=("Solve 3x + 5 = x + 13.", "Solve 2(x + 4) = 5x - 1."),
        selection_note="Two exit tickets from the end of the lesson.",
        samples=(
            WorkSample(
                "Student 1", ("2x + 5 = 13, 2x = 8, x = 4", "2x + 8 = 5x - 1, 9 = 3x, x = 3"), ("correct",)
            ),
            WorkSample("Student 2", ("2x = 8, x = 4", "2x + 4 = 5x - 1, 5 = 3x, x = 5/3"), ("sign error?",)),
        ),
    ),
    chart=AnchorChart(
        title="Keep it BALANCED",
        lines=("3x + 5 = x + 13", "-x      -x", "2x + 5 = 13", "Check: 3(4) + 5 = 4 + 13  yes!"),
        sticky_notes=("same to BOTH sides",),
        ink=(0.5, 0.1, 0.1),
    ),
)

CASES = (GRADE7_ARGUMENT, GRADE8_DENSITY, GRADE9_ALGEBRA)
