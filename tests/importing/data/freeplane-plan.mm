<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<node TEXT="Team Atlas&#xa;2027" FOLDED="false" ID="ID_1090958577" CREATED="1700000000000" MODIFIED="1700000500000" STYLE="oval">
<font SIZE="18"/>
<hook NAME="MapStyle">
    <properties edgeColorConfiguration="#808080ff,#ff0000ff,#0000ffff" show_note_icons="true" fit_to_viewport="false"/>

<map_styles>
<stylenode LOCALIZED_TEXT="styles.root_node" STYLE="oval" UNIFORM_SHAPE="true" VGAP_QUANTITY="24 pt">
<font SIZE="24"/>
<stylenode LOCALIZED_TEXT="styles.predefined" POSITION="right" STYLE="bubble">
<stylenode LOCALIZED_TEXT="default" ID="ID_271890427" COLOR="#000000" STYLE="fork">
<arrowlink SHAPE="CUBIC_CURVE" COLOR="#000000" WIDTH="2" TRANSPARENCY="200" DASH="" FONT_SIZE="9" FONT_FAMILY="SansSerif" DESTINATION="ID_271890427" STARTARROW="NONE" ENDARROW="DEFAULT"/>
<font NAME="SansSerif" SIZE="10" BOLD="false" ITALIC="false"/>
<richcontent CONTENT-TYPE="plain/auto" TYPE="DETAILS"/>
<richcontent TYPE="NOTE" CONTENT-TYPE="plain/auto"/>
</stylenode>
<stylenode LOCALIZED_TEXT="defaultstyle.attributes">
<font SIZE="9"/>
</stylenode>
</stylenode>
</stylenode>
</map_styles>
</hook>
<hook NAME="AutomaticEdgeColor" COUNTER="3" RULE="ON_BRANCH_CREATION"/>
<node TEXT="Customers renew" POSITION="right" ID="ID_1513316040" CREATED="1700000010000" MODIFIED="1700000020000">
<edge COLOR="#ff0000"/>
<icon BUILTIN="yes"/>
<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">
<html>
  <head>

  </head>
  <body>
    <p>
      Renewals are the measure of whether
      the product earns its price.
    </p>
    <p>
      Checked every quarter &amp; reported to the board.
    </p>
  </body>
</html>
</richcontent>
<node TEXT="Onboarding takes a day" ID="ID_1864218171" CREATED="1700000030000" MODIFIED="1700000040000">
<attribute_layout NAME_WIDTH="62.25 pt" VALUE_WIDTH="90.75 pt"/>
<attribute NAME="Owner" VALUE="maya"/>
<attribute NAME="sub_owner" VALUE="kofi"/>
<attribute NAME="due" VALUE="2027-05-31"/>
<attribute NAME="priority" VALUE="high"/>
<node TEXT="Guided setup wizard" ID="ID_424000839" CREATED="1700000050000" MODIFIED="1700000060000">
<attribute NAME="status" VALUE="active"/>
<attribute NAME="progress" VALUE="30"/>
<attribute NAME="owner" VALUE="kofi"/>
</node>
<node ID="ID_1371520442" CREATED="1700000070000" MODIFIED="1700000080000"><richcontent TYPE="NODE">

<html>
  <head>

  </head>
  <body>
    <p>
      Sample data <b>in every</b>&#160;new account
    </p>
  </body>
</html>
</richcontent>
<arrowlink SHAPE="CUBIC_CURVE" COLOR="#000000" WIDTH="2" TRANSPARENCY="200" FONT_SIZE="9" FONT_FAMILY="SansSerif" DESTINATION="ID_1752011592" STARTINCLINATION="131.25 pt;0 pt;" ENDINCLINATION="131.25 pt;0 pt;" STARTARROW="NONE" ENDARROW="DEFAULT"/>
</node>
</node>
</node>
<node TEXT="Support answers within an hour" POSITION="left" ID="ID_1752011592" CREATED="1700000090000" MODIFIED="1700000100000">
<edge COLOR="#0000ff"/>
<attribute NAME="kind" VALUE="goal"/>
<node TEXT="Follow-the-sun rota @noa/omer #initiative" ID="ID_1950204046" CREATED="1700000110000" MODIFIED="1700000120000"/>
</node>
</node>
</map>
